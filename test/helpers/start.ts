import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ModuleRegistration } from "microservices-app";
import { afterEach } from "vitest";
import type { TestApp } from "./hosts.js";
import { captureLogger } from "./logger.js";

type CapturedLogger = ReturnType<typeof captureLogger>;

/** An app of one host, started for a host-specific test. */
export interface Started<App> {
  app: App;
  logger: CapturedLogger;
  server: Server;
  get(path: string, init?: RequestInit): Promise<Response>;
}

/**
 * For host-specific tests: a `start()` that creates an app (with a capturing logger), lets the
 * test configure it, registers `modules` and listens on an ephemeral port. Every app started
 * is closed after its test.
 */
export function startApps<App extends TestApp, Options>(
  create: (logger: CapturedLogger, options?: Options) => App,
  modules: readonly (string | ModuleRegistration)[],
) {
  const started: App[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((app) => app.close()));
  });
  return async function start(
    configure?: (app: App) => void,
    options?: Options,
  ): Promise<Started<App>> {
    const logger = captureLogger();
    const app = create(logger, options);
    configure?.(app);
    await app.registerUrls(modules);
    const server = await app.listen(0, "127.0.0.1");
    started.push(app);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { app, logger, server, get: (path, init) => fetch(base + path, init) };
  };
}
