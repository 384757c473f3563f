import { readFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTS } from "../helpers/hosts.js";
import { HOSTILE_PATH_PIECES } from "../helpers/path-pieces.js";
import { fixture, type Served, serve } from "../helpers/serve.js";
import { MARKER } from "./hostile-corpus.js";

// Generated request targets (fast-check) sent byte for byte to a real server on each host:
// whatever the path, the answer is a 2xx, 3xx or 4xx, and nothing outside the static folders
// is ever served. Run counts stay modest: every run is a real connection.

/** A string's UTF-8 bytes, one latin1 character a byte: how `raw` sends them. */
const utf8Bytes = (text: string): string => Buffer.from(text, "utf8").toString("latin1");

/** Any byte but CR and LF (which would end the request line: the corpus has those cases). */
const byte = fc
  .integer({ min: 0, max: 255 })
  .filter((code) => code !== 10 && code !== 13)
  .map((code) => String.fromCharCode(code));

const piece = fc.oneof(
  fc.constantFrom(
    ...HOSTILE_PATH_PIECES,
    "static",
    "static_m",
    "m",
    "public.txt",
    "secret.txt",
    "secret.html",
    "templates",
    "modules",
    "1",
  ),
  byte,
  fc.string({ unit: "grapheme", maxLength: 3 }).map(utf8Bytes),
);

// Not under /m/render/: that view renders the template its URL names, on purpose, so a name
// no folder has is its 500 (hostile.test.ts checks what it refuses).
const target = fc
  .tuple(fc.constantFrom("/", "/static/", "/static_m/", "/m/"), fc.array(piece, { maxLength: 16 }))
  .map(([start, pieces]) => start + pieces.join(""));

/** Names a client may ask for under a static URL: climbs, escapes and the planted files' names. */
const mixedName = fc
  .array(
    fc.constantFrom(
      "..",
      ".",
      "/",
      "%2f",
      "%2F",
      "%5c",
      "\\",
      "%2e",
      "%2e%2e",
      "%252e",
      "%252f",
      "%c0%ae",
      "%00",
      ";",
      "~",
      "secret.txt",
      "secret.html",
      ".secret",
      "public.txt",
      "m.txt",
      "sub",
      "inner.txt",
      "static",
      "templates",
      "modules",
      "m",
      "big.txt",
      "%2esecret",
      "..;",
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((parts) => parts.join(""));

/**
 * A file's name behind a climb, or as it is: about one name in sixteen is a public file, so
 * that the property sees 200s too (a mix of pieces alone hardly ever spells one).
 */
const climbingName = fc
  .tuple(
    fc.constantFrom("", "", "", "../", "%2e%2e/", "sub/../", ".secret/", "..%2f"),
    fc.constantFrom("public.txt", "sub/inner.txt", "big.txt", "m.txt", "secret.txt", ".secret"),
  )
  .map(([climb, name]) => climb + name);

const staticName = fc.oneof(mixedName, climbingName);

const root = fixture("hostile");
/** What a 200 may carry: the static files the fixture serves, and nothing else. */
const PUBLIC_FILES = [
  "static/public.txt",
  "static/sub/inner.txt",
  "static/big.txt",
  "modules/m/static/m.txt",
].map((path) => readFileSync(`${root}${path}`, "utf8"));

describe.each(HOSTS)("random requests ($name)", (host) => {
  let served: Served;
  beforeAll(async () => {
    served = await serve(host, "hostile", { modules: ["m"] });
  });
  afterAll(() => served.close());

  it("answers every random path (bytes, escapes, dots, slashes, Unicode) with a 2xx, 3xx or 4xx (300 runs)", async () => {
    await fc.assert(
      fc.asyncProperty(target, async (path) => {
        const response = await served.raw(path);
        expect(response.status, `a status line for ${JSON.stringify(path)}`).toBeGreaterThanOrEqual(
          200,
        );
        expect(response.status).toBeLessThan(500);
        expect(response.body).not.toContain(MARKER);
      }),
      { numRuns: 300 },
    );
    expect((await served.raw("/m/")).status).toBe(200);
  });

  it.each([false, true])(
    "never serves anything but the static folders' files under /static/ and /static_m/, debug %s (400 runs)",
    async (debug) => {
      const target = debug
        ? await serve(host, "hostile", { modules: ["m"], options: { debug } })
        : served;
      try {
        await staticNamesProperty(target);
      } finally {
        if (debug) await target.close();
      }
    },
  );
});

/** Random names under both static URLs: a 200 carries a public file, nothing else ever leaks. */
async function staticNamesProperty(served: Served): Promise<void> {
  let found = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom("/static/", "/static_m/"),
      staticName,
      async (prefix, name) => {
        const response = await served.raw(prefix + name);
        // A 403 would be the static sender's own refusal: this library must refuse first. A 308
        // is mergeSlashes' redirect, which must stay in the same static folder's URL space.
        expect([200, 308, 400, 404], `the status of ${prefix + name}`).toContain(response.status);
        if (response.status === 308) {
          const merged = (prefix + name).replace(/\/{2,}/g, "/").replace(/\\/g, "%5C");
          expect(response.headers.location).toBe(merged);
          expect(merged.startsWith(prefix)).toBe(true);
          expect(merged).not.toMatch(/\/(?:\.|%2e){1,2}(?:\/|$)/i);
        }
        expect(response.body).not.toContain(MARKER);
        if (response.status === 200) {
          expect(PUBLIC_FILES).toContain(response.body);
          found++;
        }
      },
    ),
    { numRuns: 400 },
  );
  // The control: the generator does reach the public files, so the property is not vacuous.
  expect(found, "requests answered with a public file").toBeGreaterThan(0);
}
