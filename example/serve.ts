import type { Server } from "node:http";
import { pathToFileURL } from "node:url";
import { render, url } from "microservices-app";
import { ENABLED_MODULES } from "./settings.js";

/** What the example needs of an app; the Express and the Fastify app both have it. */
export interface ExampleApp {
  addUrls(urlpatterns: ReturnType<typeof url>[]): unknown;
  registerUrls(moduleNames: readonly string[]): Promise<void>;
  listen(port: number, host?: string): Promise<Server>;
  close(): Promise<void>;
}

/** Adds what both hosts serve alike: an app-level url, and the enabled modules. */
export async function configure<App extends ExampleApp>(app: App): Promise<App> {
  // An app-level url, outside any module: its template is the root's about.html.
  app.addUrls([url("/about/", () => render("about.html"), "about")]);
  await app.registerUrls(ENABLED_MODULES);
  return app;
}

/** Listens on PORT (5000), says where, and stops gracefully on SIGTERM or Ctrl-C. */
export async function serve(app: ExampleApp, hostName: string): Promise<void> {
  const server = await app.listen(Number(process.env.PORT ?? 5000), "127.0.0.1");
  const { port } = server.address() as { port: number };
  console.log(`microservices-app example running on http://127.0.0.1:${port} (${hostName})`);
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

/** Whether this file is the one node was asked to run. */
export const isMain = (importMetaUrl: string): boolean =>
  process.argv[1] !== undefined && importMetaUrl === pathToFileURL(process.argv[1]).href;
