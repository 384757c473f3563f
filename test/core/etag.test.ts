import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { weakETag } from "../../src/core/http/etag.js";

/** Express's weak ETag (the `etag` package): length in hex, 27 characters of base64 SHA-1. */
const expressETag = (body: string | Buffer) =>
  `W/"${Buffer.byteLength(body).toString(16)}-${createHash("sha1").update(body).digest("base64").slice(0, 27)}"`;

describe("weakETag", () => {
  it("writes the length in hex and a 64-bit hash, in 16 hex digits, of a short ASCII body", () => {
    expect(weakETag('{"id":42}')).toBe('W/"9-42154dbe17c2eef7"');
    expect(weakETag("")).toBe('W/"0-488bdcb81aee8d83"');
  });

  it("prints each half of the hash in 8 hex digits, leading zeros kept", () => {
    const tags = Array.from({ length: 2000 }, (_, id) => weakETag(`{"id":${id}}`));
    for (const tag of tags) expect(tag).toMatch(/^W\/"[0-9a-f]{1,3}-[0-9a-f]{16}"$/);
    // One half in 16 starts with a zero: 2,000 tags hold both kinds, and all 16 digits.
    expect(tags.some((tag) => /-0/.test(tag))).toBe(true);
    expect(tags.some((tag) => /-[0-9a-f]{8}0/.test(tag))).toBe(true);
    expect(new Set(tags.join("").match(/[0-9a-f]/g)).size).toBe(16);
  });

  it("tags two short bodies of the same length apart", () => {
    expect(weakETag('{"id":41}')).not.toBe(weakETag('{"id":42}'));
    expect(weakETag("ab")).not.toBe(weakETag("ba"));
  });

  it("gives a body longer than 512 characters Express's SHA-1 ETag", () => {
    expect(weakETag("x".repeat(513))).toBe(expressETag("x".repeat(513)));
    const page = `<p>${"x".repeat(600)}</p>`;
    expect(weakETag(page)).toBe(expressETag(page));
  });

  it("gives a short body with a character past ASCII Express's SHA-1 ETag", () => {
    expect(weakETag("café")).toBe(expressETag("café"));
  });

  it("counts bytes, not characters, and tags text and its UTF-8 bytes alike", () => {
    const text = "café ☕";
    expect(weakETag(text)).toMatch(/^W\/"9-/); // 9 bytes, 6 characters
    expect(weakETag(Buffer.from(text))).toBe(weakETag(text));
    expect(weakETag(Buffer.from('{"id":42}'))).toBe(weakETag('{"id":42}'));
  });
});
