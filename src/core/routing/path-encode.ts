import { encodeComponent } from "./encode.js";

/** The escapes of Werkzeug's safe set that `encodeURIComponent` writes: `$&+,:;=@`. */
const SAFE_ESCAPES = /%(?:24|26|2B|2C|3A|3B|3D|40)/g;

/**
 * A value as a path segment holds it, as Werkzeug's `to_url` quotes it: escaped but for the
 * characters a WHATWG path segment may hold (`!$&'()*+,:;=@`), so `/x:y` and `/a@b.c` stay
 * readable. The matcher decodes the path once, so the same value routes back. A `/` stays
 * escaped here (a one-segment value); the `path` converter keeps its slashes itself.
 * @example encodePathSegment("a@b.c; x"); // "a@b.c;%20x"
 */
export function encodePathSegment(text: string): string {
  const escaped = encodeComponent(text);
  return escaped === text ? text : escaped.replace(SAFE_ESCAPES, decodeURIComponent);
}
