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
  // Most values (ids, slugs) need no escape: returned as they are, nothing allocated.
  for (let index = 0; index < length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 128 || KEPT[code] === 0) return escapedText(text, index);
  }
  return text;
}

/** Values escaped before, by their text: the same titles and names are linked again and again. */
const ESCAPED = new Map<string, string>();
const ESCAPED_LIMIT = 1_000;
/** Longer values are escaped each time: the map holds at most about a MiB of text. */
const ESCAPED_LENGTH_LIMIT = 128;

/**
 * The escape of a value that needs one, from the map when it was escaped before: building
 * it was the largest cost left in `urlFor` (scenario 6 went from 1.8M to over 4M URLs/s);
 * a full map starts over, so that it follows the values an app links to now.
 */
function escapedText(text: string, index: number): string {
  let escaped = ESCAPED.get(text);
  if (escaped !== undefined) return escaped;
  escaped = escapeFrom(text, index);
  if (text.length <= ESCAPED_LENGTH_LIMIT) {
    if (ESCAPED.size >= ESCAPED_LIMIT) ESCAPED.clear();
    ESCAPED.set(text, escaped);
  }
  return escaped;
}

/** `text` escaped from `index`, the first character that is not kept as it is. */
function escapeFrom(text: string, index: number): string {
  const length = text.length;
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
