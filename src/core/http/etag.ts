import { hash } from "node:crypto";

/** Bodies up to this many characters of ASCII get the short hash; longer ones, SHA-1. */
const SHORT_BODY = 512;

/** The character codes of the hex digits 0-f. */
const HEX_DIGITS = [..."0123456789abcdef"].map((digit) => digit.charCodeAt(0));

/**
 * A 32-bit value as 8 hex digits. Not `toString(16)`: for a value past 2^31 (a heap number),
 * V8 takes about 240 ns to print it in another radix, 20 times this (BENCHMARKS.md).
 */
const hex32 = (value: number): string =>
  String.fromCharCode(
    HEX_DIGITS[value >>> 28] as number,
    HEX_DIGITS[(value >>> 24) & 15] as number,
    HEX_DIGITS[(value >>> 20) & 15] as number,
    HEX_DIGITS[(value >>> 16) & 15] as number,
    HEX_DIGITS[(value >>> 12) & 15] as number,
    HEX_DIGITS[(value >>> 8) & 15] as number,
    HEX_DIGITS[(value >>> 4) & 15] as number,
    HEX_DIGITS[value & 15] as number,
  );

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
  return hex32(high) + hex32(low);
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
