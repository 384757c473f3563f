import { parse, type SerializeOptions, serialize } from "cookie";
import { emptyRecord } from "./records.js";

/** The cookies a request sent, by name (the first of a repeated name wins). */
export type Cookies = { readonly [name: string]: string | undefined };

/**
 * Parses a `Cookie` header into a record without a prototype; a value that is not a valid
 * percent-encoding is kept as it was sent.
 * @example parseCookies("a=1; b=two"); // { a: "1", b: "two" }
 */
export function parseCookies(header: string | undefined): Cookies {
  const cookies = emptyRecord<string>();
  if (!header) return cookies;
  const parsed = parse(header);
  for (const name of Object.keys(parsed)) {
    const value = parsed[name];
    if (value !== undefined) cookies[name] = value;
  }
  return cookies;
}

/** The attributes of a cookie a response sets (Flask's `set_cookie` arguments). */
export interface CookieOptions {
  /** Seconds until the cookie expires; none: it lasts the browser session. */
  maxAge?: number;
  expires?: Date;
  path?: string;
  domain?: string;
  secure?: boolean;
  /** `true` by default: scripts in the page cannot read the cookie. */
  httpOnly?: boolean;
  /** "Lax" by default. */
  sameSite?: "Lax" | "Strict" | "None";
}

/**
 * The `Set-Cookie` header value of a cookie: path "/", HttpOnly and SameSite=Lax unless said
 * otherwise; the value is percent-encoded. A name that is not a cookie token is an error.
 * @example serializeCookie("theme", "dark", { maxAge: 3600 }); // "theme=dark; Max-Age=3600; Path=/; HttpOnly; SameSite=Lax"
 */
export function serializeCookie(name: string, value: string, options: CookieOptions = {}): string {
  const attributes: SerializeOptions = {
    path: options.path ?? "/",
    httpOnly: options.httpOnly ?? true,
    sameSite: (options.sameSite ?? "Lax").toLowerCase() as "lax" | "strict" | "none",
  };
  if (options.maxAge !== undefined) attributes.maxAge = options.maxAge;
  if (options.expires !== undefined) attributes.expires = options.expires;
  if (options.domain !== undefined) attributes.domain = options.domain;
  if (options.secure) attributes.secure = true;
  return serialize(name, value, attributes);
}

/**
 * The `Set-Cookie` header value that deletes a cookie: empty, expired in 1970, with the path
 * and domain it was set with.
 * @example deletionCookie("theme"); // "theme=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; ..."
 */
export function deletionCookie(name: string, options: Pick<CookieOptions, "path" | "domain"> = {}) {
  return serializeCookie(name, "", { ...options, maxAge: 0, expires: new Date(0) });
}
