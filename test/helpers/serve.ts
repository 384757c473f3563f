import { cpSync, mkdirSync, mkdtempSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { fileURLToPath } from "node:url";
import type { MicroServicesOptions, ModuleRegistration, URLEntry } from "microservices-app";
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
  /** The Node server listening, for its events ("request"). */
  readonly server: Server;
  /** `fetch` against the app; redirects are not followed. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Sends `path` byte for byte (no normalization of `..` or escapes) over a socket. */
  raw(path: string, options?: RawRequestOptions): Promise<RawResponse>;
  close(): Promise<void>;
}

export interface ServeOptions {
  modules?: readonly (string | ModuleRegistration)[];
  modulesPath?: string;
  appUrls?: readonly URLEntry[];
  options?: MicroServicesOptions;
  /** Runs on the app before its modules are registered and it listens (hooks, middleware). */
  configure?: (app: TestApp) => void;
}

/** Starts a fixture app on a host, with its modules and app-level urls registered. */
export async function serve(
  host: TestHost,
  name: string,
  setup: ServeOptions = {},
): Promise<Served> {
  const logger = captureLogger();
  const app = host.create(fixture(name), { logger, ...setup.options });
  setup.configure?.(app);
  if (setup.appUrls) app.addUrls(setup.appUrls);
  if (setup.modules) await app.registerUrls(setup.modules, setup.modulesPath);
  const server = await app.listen(0, "127.0.0.1");
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    baseUrl,
    logger,
    server,
    fetch: (path, init) => fetch(baseUrl + path, { redirect: "manual", ...init }),
    raw: (path, options) => rawRequest(port, path, options),
    close: () => app.close(),
  };
}

/** How `rawRequest` writes its request. */
export interface RawRequestOptions {
  method?: string;
  /** Added to (or replacing) `host` and `connection: close`; pairs may repeat a name. */
  headers?: Record<string, string> | readonly (readonly [string, string])[];
  /** The protocol of the request line: "HTTP/1.1". */
  version?: string;
  /** Sent after the head, as it is (a body, or bytes a parser should refuse). */
  body?: string;
  /** The whole request, byte for byte: `path` and the other options are then ignored. */
  head?: string;
}

/** The request `rawRequest` sends, as latin1 text (one character a byte). */
function rawHead(port: number, path: string, options: RawRequestOptions): string {
  if (options.head !== undefined) return options.head;
  const extra = Array.isArray(options.headers)
    ? (options.headers as readonly (readonly [string, string])[])
    : Object.entries(options.headers ?? {});
  const names = new Set(extra.map(([name]) => name.toLowerCase()));
  const headers: (readonly [string, string])[] = [
    ...(names.has("host") ? [] : [["host", `127.0.0.1:${port}`] as const]),
    ...(names.has("connection") ? [] : [["connection", "close"] as const]),
    ...extra,
  ];
  return `${options.method ?? "GET"} ${path} ${options.version ?? "HTTP/1.1"}\r\n${headers
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("")}\r\n${options.body ?? ""}`;
}

/** The final response in what the server sent: interim `1xx` responses are skipped. */
function parseResponse(text: string): RawResponse {
  let rest = text;
  for (;;) {
    const split = rest.indexOf("\r\n\r\n");
    const [statusLine = "", ...lines] = rest
      .slice(0, split === -1 ? undefined : split)
      .split("\r\n");
    const status = Number(statusLine.split(" ")[1]);
    if (status >= 100 && status < 200 && status !== 101 && split !== -1) {
      rest = rest.slice(split + 4);
      continue;
    }
    const parsed: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(":");
      parsed[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
    }
    return { status, headers: parsed, body: split === -1 ? "" : rest.slice(split + 4) };
  }
}

/**
 * One HTTP/1.1 request written by hand; the connection is closed after the response. A server
 * that closes the connection without answering gives a status of `NaN`; one that resets it
 * after answering still gives its answer.
 */
export function rawRequest(
  port: number,
  path: string,
  options: RawRequestOptions = {},
): Promise<RawResponse> {
  const head = rawHead(port, path, options);
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(head, "latin1"));
    const chunks: Buffer[] = [];
    // A server that neither answers nor closes would otherwise hang the test until its timeout.
    socket.setTimeout(10_000, () => {
      socket.destroy();
      reject(new Error(`no answer to ${JSON.stringify(head.slice(0, 80))} within 10 s`));
    });
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", (error) => {
      // A server may reset a connection it answered, while the request was still being sent.
      if (chunks.length > 0) resolve(parseResponse(Buffer.concat(chunks).toString("utf8")));
      else reject(error);
    });
    socket.on("end", () => resolve(parseResponse(Buffer.concat(chunks).toString("utf8"))));
  });
}
