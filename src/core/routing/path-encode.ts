import { encodeComponent } from "./encode.js";

/** The escapes of Werkzeug's safe set that `encodeURIComponent` writes: `$&+,:;=@`. */
const SAFE_ESCAPES = /%(?:24|26|2B|2C|3A|3B|3D|40)/g;

/**
 * What each ASCII character becomes in a path segment: itself (`encodeURIComponent`'s
 * unreserved characters and Werkzeug's safe set `!$&'()*+,:;=@`) or its `%XX` escape.
 */
const ASCII_TEXT: readonly string[] = Array.from({ length: 128 }, (_, code) => {
  const char = String.fromCharCode(code);
  return /[A-Za-z0-9\-._~!$&'()*+,:;=@]/.test(char)
    ? char
    : `%${code.toString(16).toUpperCase().padStart(2, "0")}`;
});

/**
 * Whether each ASCII character stays as it is; a byte per character, for the loop that
 * `urlFor` runs on every value.
 */
const KEPT = Uint8Array.from(ASCII_TEXT, (text) => (text.length === 1 ? 1 : 0));

/** Text with a character past ASCII: `encodeComponent`, then the safe set's escapes undone. */
const encodeBeyondAscii = (text: string): string =>
  encodeComponent(text).replace(SAFE_ESCAPES, decodeURIComponent);

/**
 * A value as a path segment holds it, as Werkzeug's `to_url` quotes it: escaped but for the
 * characters a WHATWG path segment may hold (`!$&'()*+,:;=@`), so `/x:y` and `/a@b.c` stay
 * readable. The matcher decodes the path once, so the same value routes back. A `/` stays
 * escaped here (a one-segment value); the `path` converter keeps its slashes itself.
 * ASCII text is escaped by one pass over a table: a profile of `urlFor` showed the general
 * escape and a regex replace with a callback taking 45% of its time on a value like
 * "hello world".
 * @example encodePathSegment("a@b.c; x"); // "a@b.c;%20x"
 */
export function encodePathSegment(text: string): string {
  const length = text.length;
  let index = 0;
  // Most values (ids, slugs) need no escape: returned as they are, nothing allocated.
  for (; index < length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 128) return encodeBeyondAscii(text);
    if (KEPT[code] === 0) break;
  }
  if (index === length) return text;
  let escaped = text.slice(0, index);
  let kept = index;
  for (; index < length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 128) return encodeBeyondAscii(text);
    if (KEPT[code] === 1) continue;
    if (kept < index) escaped += text.slice(kept, index);
    escaped += ASCII_TEXT[code] as string;
    kept = index + 1;
  }
  return kept < length ? escaped + text.slice(kept) : escaped;
}
