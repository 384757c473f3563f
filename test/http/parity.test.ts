import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTS } from "../helpers/hosts.js";
import { type RawResponse, type Served, type ServeOptions, serve } from "../helpers/serve.js";

// One request sent to every host must get the same answer, byte for byte: a differential test
// on generated requests, made of the fixtures' own path segments and of hostile ones.

/** Each fixture, with paths its routes and files answer (a generated request starts from one). */
const FIXTURES: [string, ServeOptions, string[]][] = [
  [
    "routing",
    { modules: ["catalog", "methods", "wide", "narrow"] },
    [
      "/items/7",
      "/items/7.json",
      "/items/new",
      "/items/red",
      "/items/1.5",
      "/items/abc",
      "/items/a/b/c",
      "/items/9007199254740993",
      "/files/a/b/edit",
      "/users/new",
      "/users/bob",
      "/thing/",
      "/form/",
      "/only-post/",
      "/custom-options/",
      "/dir/",
      "/file",
      "/typed/1/1.5/6f1c2a9e-6c1b-4f7e-9a41-2b8f4a0c9d10/",
      "/echo/x/",
      "/caf%C3%A9/",
      "/shop/special/",
      "/shop/x/",
    ],
  ],
  [
    "static",
    { modules: ["m1", "m2"] },
    [
      "/static/a.txt",
      "/static/m1.txt",
      "/static/style.css",
      "/static/sub/dir/deep.txt",
      "/static/space%20name.txt",
      "/static/100%25.txt",
      "/static/.env",
      "/static/.hidden/inside.txt",
      "/static_m1/m1.txt",
      "/static_m1/a.txt",
      "/static_m2/m2.txt",
      "/static/big.txt",
    ],
  ],
  [
    "views",
    { modules: ["returns"] },
    [
      "/string/",
      "/object/",
      "/array/",
      "/render/",
      "/redirect/",
      "/tuple/",
      "/tuple-headers/",
      "/tuple-json/",
      "/response/",
      "/stream/",
      "/async/",
      "/throws/",
      "/rejects/",
      "/throws-string/",
      "/forbidden/",
      "/invalid/",
      "/missing-template/",
      "/bytes/",
      "/cookies/",
      "/unauthorized/",
      "/unavailable/",
      "/echo/?tag=a&tag=b",
    ],
  ],
];

/** What a generated request may add or swap in: hostile pieces. */
const HOSTILE = [
  "",
  "..",
  "%2e%2e",
  "%2F",
  "%00",
  "%zz",
  "%5C",
  "\\",
  ";x",
  "%20",
  "%E2%82%AC",
  "%2520",
  "~",
  "?q=1&q=2",
  "a b",
  ".",
  "//",
  "%C0%AE",
  "%FF",
];
/** Request headers a generated request may carry, besides its Host. */
const HEADERS: Record<string, string>[] = [
  {},
  {},
  { range: "bytes=0-3" },
  { range: "bytes=5-2" },
  { range: "bytes=0-1,3-4" },
  { "if-none-match": "*" },
  { "if-modified-since": "Sat, 01 Jan 2100 00:00:00 GMT" },
];
const METHODS = ["GET", "GET", "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "PURGE"];

/**
 * A deterministic stream of requests (a linear congruential generator, the same every run):
 * a real path of the fixture, then maybe its trailing slash toggled, a segment swapped for a
 * hostile one, or a hostile one appended.
 */
function* requests(paths: readonly string[], count: number) {
  let state = 7;
  const next = (below: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.floor((state / 2147483648) * below);
  };
  const pick = <T>(items: readonly T[]) => items[next(items.length)] as T;
  for (let index = 0; index < count; index++) {
    let path = pick(paths);
    const change = next(4);
    if (change === 1) path = path.endsWith("/") ? path.slice(0, -1) : `${path}/`;
    if (change === 2) {
      const segments = path.split("/");
      segments[1 + next(segments.length - 1)] = pick(HOSTILE);
      path = segments.join("/");
    }
    if (change === 3) path += pick(HOSTILE);
    yield { method: pick(METHODS), path, headers: { host: "parity.test", ...pick(HEADERS) } };
  }
}

/** What a client sees, without what only says which server answered (Date, connection). */
function seen({ status, headers, body }: RawResponse) {
  const kept = Object.entries(headers).filter(
    ([name]) => !["date", "connection", "keep-alive"].includes(name),
  );
  return { status, headers: Object.fromEntries(kept.sort()), body };
}

describe.each(FIXTURES)("every host answers alike on %s", (name, setup, paths) => {
  const served: Served[] = [];
  beforeAll(async () => {
    for (const host of HOSTS) served.push(await serve(host, name, setup));
  });
  afterAll(() => Promise.all(served.map((app) => app.close())));

  it("for 1,000 generated requests (methods, hostile paths, ranges, conditions): status, headers and body", async () => {
    expect(served.length).toBeGreaterThan(1);
    for (const { method, path, headers } of requests(paths, 1000)) {
      const answers = await Promise.all(served.map((app) => app.raw(path, { method, headers })));
      const [first, ...others] = answers.map(seen);
      for (const other of others)
        expect({ method, path, sent: headers, ...other }).toEqual({
          method,
          path,
          sent: headers,
          ...first,
        });
    }
  });
});
