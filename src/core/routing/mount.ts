/**
 * A URL path prefix: segments of characters a path may hold unescaped, or percent escapes.
 * Anything else (a "//", a backslash, a space, a "?") could make a Location name another
 * host or another path, so it is refused (the option) or ignored (the header).
 */
const PATH_PREFIX = /^(?:\/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})+)+$/;

/**
 * The `mountPath` option, checked: "" for none ("" or "/"), else the prefix without its
 * trailing slash, as Werkzeug's `script_name`.
 * @example readMountPath("/blog/"); // "/blog"
 */
export function readMountPath(value: string | undefined): string {
  if (value === undefined) return "";
  const path = typeof value === "string" ? value.replace(/\/+$/, "") : value;
  if (path === "") return "";
  if (typeof path !== "string" || !PATH_PREFIX.test(path)) {
    throw new TypeError(
      `The mountPath option must be a URL path such as "/blog" (segments of letters, digits, "-._~" and percent escapes), got ${JSON.stringify(value)}.`,
    );
  }
  return path;
}

/**
 * The prefix an `X-Forwarded-Prefix` header gives, as Werkzeug's `ProxyFix` reads it: the
 * last of its comma-separated values, without a trailing slash; `undefined` when that is not
 * a path prefix (the header is then ignored), "" for "/".
 * @example forwardedPrefix("/internal, /blog/"); // "/blog"
 */
export function forwardedPrefix(header: string): string | undefined {
  const last = header
    .slice(header.lastIndexOf(",") + 1)
    .trim()
    .replace(/\/+$/, "");
  return last === "" || PATH_PREFIX.test(last) ? last : undefined;
}

/**
 * The part of a raw request path under `mountPath`: "" for the mount path itself, `undefined`
 * for a path outside it (`/blogger` is not under `/blog`).
 * @example underMount("/blog/posts/", "/blog"); // "/posts/"
 */
export function underMount(rawPath: string, mountPath: string): string | undefined {
  if (!rawPath.startsWith(mountPath)) return undefined;
  const rest = rawPath.slice(mountPath.length);
  return rest === "" || rest.charCodeAt(0) === 47 ? rest : undefined;
}
