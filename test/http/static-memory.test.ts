import { readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { MicroServicesOptions } from "microservices-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTS, type TestApp, type TestHost } from "../helpers/hosts.js";
import { type RawResponse, rawRequest, scratchCopy } from "../helpers/serve.js";

/** A whole second, so that a file's mtime survives `utimesSync` exactly. */
const MTIME = new Date("2024-05-01T12:00:00Z");
const LAST_MODIFIED = MTIME.toUTCString();
const etagOf = (size: number) => `W/"${size.toString(16)}-${MTIME.getTime().toString(16)}"`;

/** The fixture's files with whole-second mtimes: big.txt is 1000 bytes, style.css 21. */
const FILES = {
  big: ["static", "big.txt"],
  css: ["static", "style.css"],
  space: ["static", "space name.txt"],
  m1: ["modules", "m1", "static", "a.txt"],
} as const;

/** Every condition and range the static senders answer, each asked with GET and HEAD. */
const REQUESTS: readonly Record<string, string>[] = [
  {},
  { range: "bytes=10-19" },
  { range: "bytes=-5" },
  { range: "bytes=990-" },
  { range: "bytes=0-1,3-4" },
  { range: "bytes=0-1,2-4" },
  { range: "bytes=5000-6000" },
  { range: "bytes=abc" },
  { range: "items=0-3" },
  { "if-none-match": etagOf(1000) },
  { "if-none-match": etagOf(21) },
  { "if-none-match": 'W/"other"' },
  { "if-modified-since": LAST_MODIFIED },
  { "if-modified-since": "Thu, 01 Jan 1970 00:00:00 GMT" },
  { "if-match": etagOf(1000) },
  { "if-match": '"other"' },
  { "if-unmodified-since": "Thu, 01 Jan 1970 00:00:00 GMT" },
  { "if-unmodified-since": LAST_MODIFIED },
  { range: "bytes=0-3", "if-range": etagOf(1000) },
  { range: "bytes=0-3", "if-range": '"stale"' },
  { range: "bytes=0-3", "if-range": LAST_MODIFIED },
  { range: "bytes=0-3", "if-none-match": 'W/"other"' },
];
const PATHS = ["/static/big.txt", "/static/style.css", "/static_m1/a.txt", "/static/a.txt"];

interface Running {
  app: TestApp;
  get(
    path: string,
    options?: { method?: string; headers?: Record<string, string> },
  ): Promise<RawResponse>;
}

async function start(host: TestHost, folder: string, options: MicroServicesOptions) {
  const app = host.create(folder, { logger: { info() {}, warn() {}, error() {} }, ...options });
  await app.registerUrls(["m1", "m2"]);
  const server = await app.listen(0, "127.0.0.1");
  const { port } = server.address() as AddressInfo;
  return { app, get: (path, request) => rawRequest(port, path, request) } satisfies Running;
}

/** A fixture copy whose files have known mtimes. */
function prepare(): string {
  const folder = scratchCopy("static");
  for (const parts of Object.values(FILES)) utimesSync(join(folder, ...parts), MTIME, MTIME);
  return folder;
}

/** Rewrites a file with other bytes of the same length and the same mtime: only memory hides it. */
function rewriteInPlace(folder: string, parts: readonly string[]): string {
  const path = join(folder, ...parts);
  const changed = readFileSync(path, "utf8").replace(/[^\n]/g, "X");
  writeFileSync(path, changed);
  utimesSync(path, MTIME, MTIME);
  return changed;
}

/** What a client sees of a response, but the date. */
const seen = (response: RawResponse) => {
  const { date: _date, ...headers } = response.headers;
  return { status: response.status, headers, body: response.body };
};

describe.each(HOSTS)("static files from memory ($name)", (host) => {
  let folder: string;
  let memory: Running;
  let disk: Running;
  beforeAll(async () => {
    folder = prepare();
    memory = await start(host, folder, {});
    disk = await start(host, folder, { staticMemoryLimit: 0 });
  });
  afterAll(async () => {
    await Promise.all([memory.app.close(), disk.app.close()]);
    rmSync(folder, { recursive: true, force: true });
  });

  it("answers every condition, range and HEAD as the streamed file is answered", async () => {
    const cases = PATHS.flatMap((path) =>
      ["GET", "HEAD"].flatMap((method) => REQUESTS.map((headers) => ({ path, method, headers }))),
    );
    const statuses = new Set<number>();
    for (const { path, method, headers } of cases) {
      const request = { method, headers };
      const [fromMemory, streamed] = [
        await memory.get(path, request),
        await disk.get(path, request),
      ];
      expect(seen(fromMemory), `${method} ${path} ${JSON.stringify(headers)}`).toEqual(
        seen(streamed),
      );
      statuses.add(fromMemory.status);
    }
    // Every kind of answer was compared: whole, partial, not modified, refused.
    expect([...statuses].sort()).toEqual([200, 206, 304, 412, 416]);
  });

  it("keeps a small file's bytes: a same-size rewrite keeping the mtime is not read", async () => {
    expect((await memory.get("/static/style.css")).body).toBe("body { color: red; }\n");
    const changed = rewriteInPlace(folder, FILES.css);
    expect((await memory.get("/static/style.css")).body).toBe("body { color: red; }\n");
    expect((await disk.get("/static/style.css")).body).toBe(changed);
  });

  it("reads a file again once its mtime changed", async () => {
    writeFileSync(join(folder, ...FILES.space), "fresh!\n");
    const response = await memory.get("/static/space%20name.txt");
    expect(response.body).toBe("fresh!\n");
    expect(response.headers["content-length"]).toBe("7");
  });
});

describe.each(HOSTS)("the static memory's limits ($name)", (host) => {
  let folder: string;
  let running: Running | undefined;
  beforeAll(() => {
    folder = prepare();
  });
  afterAll(async () => {
    await running?.app.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const restart = async (options: MicroServicesOptions) => {
    await running?.app.close();
    rmSync(folder, { recursive: true, force: true });
    folder = prepare();
    running = await start(host, folder, options);
    return running;
  };

  it("streams a file over staticMemoryLimit, keeps one under it", async () => {
    const app = await restart({ staticMemoryLimit: 100 });
    const [big, css] = [await app.get("/static/big.txt"), await app.get("/static/style.css")];
    const [bigChanged] = [rewriteInPlace(folder, FILES.big), rewriteInPlace(folder, FILES.css)];
    expect((await app.get("/static/big.txt")).body).toBe(bigChanged);
    expect((await app.get("/static/style.css")).body).toBe(css.body);
    expect(big.body).toHaveLength(1000);
  });

  it("keeps no more than staticMemoryTotal: the file that does not fit streams", async () => {
    // style.css (21 bytes) fits in 25; "space name.txt" (6) would make 27.
    const app = await restart({ staticMemoryTotal: 25 });
    const css = await app.get("/static/style.css");
    const space = await app.get("/static/space%20name.txt");
    expect(space.body).toBe("space\n");
    rewriteInPlace(folder, FILES.css);
    const spaceChanged = rewriteInPlace(folder, FILES.space);
    expect((await app.get("/static/style.css")).body).toBe(css.body);
    expect((await app.get("/static/space%20name.txt")).body).toBe(spaceChanged);
  });

  it("keeps nothing with debug on: every request reads the disk", async () => {
    const app = await restart({ debug: true });
    expect((await app.get("/static/style.css")).status).toBe(200);
    const changed = rewriteInPlace(folder, FILES.css);
    expect((await app.get("/static/style.css")).body).toBe(changed);
  });

  it.each([
    ["staticMemoryLimit", -1],
    ["staticMemoryTotal", 1.5],
  ])("refuses %s: %s with a sentence naming the option", (option, value) => {
    expect(() => host.create(folder, { [option]: value })).toThrow(
      new RegExp(`The ${option} option must be a whole number of bytes`),
    );
  });
});
