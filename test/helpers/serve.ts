import { cpSync, mkdirSync, mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { fileURLToPath } from "node:url";
import type { MicroServicesOptions, URLPattern } from "microservices-app";
import type { TestApp, TestHost } from "./hosts.js";
import { captureLogger } from "./logger.js";

/** The absolute folder of a fixture app under test/fixtures/. */
export const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/${name}/`, import.meta.url));

/**
 * A scratch copy of a fixture, for tests that change files. It lives in test/.scratch/ (ignored
 * by git), inside the package, so that its modules still resolve "microservices-app".
 */
export function scratchCopy(name: string): string {
  const scratch = fileURLToPath(new URL("../.scratch/", import.meta.url));
  mkdirSync(scratch, { recursive: true });
  const folder = mkdtempSync(`${scratch}${name}-`);
  cpSync(fixture(name), folder, { recursive: true });
  return folder;
}

/** A raw HTTP exchange, for requests `fetch` would normalize or refuse. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A fixture app listening on an ephemeral port of 127.0.0.1. */
export interface Served {
  readonly app: TestApp;
  readonly baseUrl: string;
  readonly logger: ReturnType<typeof captureLogger>;
  /** `fetch` against the app; redirects are not followed. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Sends `path` byte for byte (no normalization of `..` or escapes) over a socket. */
  raw(
    path: string,
    options?: { method?: string; headers?: Record<string, string> },
  ): Promise<RawResponse>;
  close(): Promise<void>;
}

export interface ServeOptions {
  modules?: readonly string[];
  modulesPath?: string;
  appUrls?: readonly URLPattern[];
  options?: MicroServicesOptions;
}

/** Starts a fixture app on a host, with its modules and app-level urls registered. */
export async function serve(
  host: TestHost,
  name: string,
  setup: ServeOptions = {},
): Promise<Served> {
  const logger = captureLogger();
  const app = host.create(fixture(name), { logger, ...setup.options });
  if (setup.appUrls) app.addUrls(setup.appUrls);
  if (setup.modules) await app.registerUrls(setup.modules, setup.modulesPath);
  const server = await app.listen(0, "127.0.0.1");
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    baseUrl,
    logger,
    fetch: (path, init) => fetch(baseUrl + path, { redirect: "manual", ...init }),
    raw: (path, options) => rawRequest(port, path, options),
    close: () => app.close(),
  };
}

/** One HTTP/1.1 request written by hand; the connection is closed after the response. */
export function rawRequest(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const headers = { host: `127.0.0.1:${port}`, connection: "close", ...options.headers };
  const head = `${options.method ?? "GET"} ${path} HTTP/1.1\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("")}\r\n`;
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(head, "latin1"));
    const chunks: Buffer[] = [];
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const split = text.indexOf("\r\n\r\n");
      const [statusLine = "", ...lines] = text.slice(0, split).split("\r\n");
      const parsed: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(":");
        parsed[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({
        status: Number(statusLine.split(" ")[1]),
        headers: parsed,
        body: text.slice(split + 4),
      });
    });
  });
}
