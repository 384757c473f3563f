import { describe, expect, it } from "vitest";
import { weakETag } from "../../src/core/http/etag.js";

describe("weakETag", () => {
  it("writes the length in hex and the first 27 characters of the base64 SHA-1", () => {
    expect(weakETag('{"id":42}')).toBe('W/"9-NSscY66S6NKRWG5blkTNB7gbOO8"');
  });

  it("gives an empty body the ETag Express gives it", () => {
    expect(weakETag("")).toBe('W/"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk"');
  });

  it("counts bytes, not characters, and tags text and its UTF-8 bytes alike", () => {
    const text = "café ☕";
    expect(weakETag(text)).toMatch(/^W\/"9-/); // 9 bytes, 6 characters
    expect(weakETag(Buffer.from(text))).toBe(weakETag(text));
  });
});
