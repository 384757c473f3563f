import { hash } from "node:crypto";

/** Bodies up to this many characters of ASCII get the short hash; longer ones, SHA-1. */
const SHORT_BODY = 512;

/** The two 32-bit halves of a hash as 16 hex digits. */
const hex64 = (high: number, low: number): string =>
  (high >>> 0).toString(16).padStart(8, "0") + (low >>> 0).toString(16).padStart(8, "0");

/**
 * A 64-bit hash of a short ASCII body (two 32-bit multiplicative lanes, mixed at the end, as
 * bryc's cyrb53), or `undefined` for a body with a byte past ASCII. Text and its bytes read
 * alike: an ASCII character is its byte.
 */
function shortBodyHash(body: string | Buffer): string | undefined {
  let low = 0xdeadbeef;
  let high = 0x41c6ce57;
  const text = typeof body === "string" ? body : undefined;
  const length = body.length;
  for (let index = 0; index < length; index += 1) {
    const code = text === undefined ? ((body as Buffer)[index] as number) : text.charCodeAt(index);
    if (code > 127) return undefined;
    low = Math.imul(low ^ code, 2654435761);
    high = Math.imul(high ^ code, 1597334677);
  }
  low = Math.imul(low ^ (low >>> 16), 2246822507) ^ Math.imul(high ^ (high >>> 13), 3266489909);
  high = Math.imul(high ^ (high >>> 16), 2246822507) ^ Math.imul(low ^ (low >>> 13), 3266489909);
  return hex64(high, low);
}

/** Express's weak ETag (the `etag` package's): the first 27 characters of the base64 SHA-1. */
function sha1ETag(body: string | Buffer): string {
  const length = typeof body === "string" ? Buffer.byteLength(body) : body.length;
  return `W/"${length.toString(16)}-${hash("sha1", body, "base64").slice(0, 27)}"`;
}

/**
 * The weak ETag both hosts give a body, in the format of Express's `res.send`: the length in
 * bytes, in hex, then a hash. A short ASCII body (most JSON answers) is hashed in JavaScript,
 * 64 bits in 16 hex digits; a longer one, or one past ASCII, gets Express's own tag (SHA-1,
 * through Node's one-shot `crypto.hash`). Measured on the Fastify host, both servers sharing
 * one CPU: the SHA-1 call took about a tenth of a small JSON request's time, and the short
 * hash gave back half of that (BENCHMARKS.md).
 * @example weakETag('{"id":42}'); // 'W/"9-42154dbe17c2eef7"'
 */
export function weakETag(body: string | Buffer): string {
  if (body.length <= SHORT_BODY) {
    const short = shortBodyHash(body);
    if (short !== undefined) return `W/"${body.length.toString(16)}-${short}"`;
  }
  return sha1ETag(body);
}
