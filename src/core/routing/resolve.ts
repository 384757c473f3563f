import { requestDomain } from "./domain.js";
import { isTrustedHost, readHost } from "./host-check.js";
import { forwardedPrefix, underMount } from "./mount.js";
import { defaultsRedirect, redirectLocation } from "./redirects.js";
import type { StaticRoute, ViewRoute } from "./route.js";
import { canonicalLocation } from "./site-location.js";
import type { UrlMap } from "./url-map.js";

/** A route whose request is answered by a view or by static files. */
export type ServedRoute = ViewRoute | StaticRoute;

/** The app options that shape how a request line resolves. */
export interface ResolveOptions {
  /** Werkzeug's `merge_slashes` (default on): `//a///b` redirects to `/a/b` when that matches. */
  readonly mergeSlashes?: boolean;
  /** With a list, a request whose Host is not in it is a 400. */
  readonly trustedHosts?: readonly string[];
  /** Werkzeug's `script_name` ("/blog", or ""): a request outside it is a 404. */
  readonly mountPath?: string;
  /** The host subdomains are read under (subdomain matching), normalized. */
  readonly serverName?: string;
}

/** What resolving may ask the host about a request, only when a header makes it matter. */
export interface RequestSite<Request> {
  /** Whether the request came from a proxy the host trusts (its `X-Forwarded-*` apply). */
  trustsProxy(request: Request): boolean;
}

/**
 * Where a request was served, when that differs from the app's defaults, for the URLs built
 * in it: the prefix a trusted proxy stripped (`X-Forwarded-Prefix`), and the domain key it
 * was matched on (the subdomain, or the host) when the app routes by domain.
 */
export interface ServedSite {
  readonly scriptName?: string | undefined;
  readonly domain?: string | undefined;
}

/** What a request resolves to, in HTTP terms: the one place matcher signals become statuses. */
export type Resolution =
  | ({
      readonly kind: "route";
      readonly route: ServedRoute;
      readonly params: Record<string, unknown>;
      /** The request's Host, checked: the one external URLs may be built from. */
      readonly host: string | undefined;
    } & ServedSite)
  /**
   * 308 to the canonical URL, query string kept: the slashed URL (strict slashes), the merged
   * slashes, the url whose defaults the values equal, or a url's `redirectTo`.
   */
  | { readonly kind: "redirect"; readonly location: string }
  /** An `OPTIONS` request no rule claims: answered with `Allow`. */
  | { readonly kind: "options"; readonly allow: string }
  | ({
      readonly kind: "error";
      readonly status: 400 | 404 | 405;
      readonly allow?: string;
    } & ServedSite);

const BAD_REQUEST: Resolution = Object.freeze({ kind: "error", status: 400 });
const NOT_FOUND: Resolution = Object.freeze({ kind: "error", status: 404 });
/** A "." or ".." segment, also percent-encoded: a merged path with one is not redirected to. */
const DOT_SEGMENT = /\/(?:\.|%2e){1,2}(?:\/|$)/i;
const ABSOLUTE_FORM = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/;

/** The `Allow` header for a set of methods: sorted, with HEAD beside GET, and OPTIONS. */
export function allowHeader(methods: Iterable<string>): string {
  const allowed = new Set(methods);
  if (allowed.has("GET")) allowed.add("HEAD");
  allowed.add("OPTIONS");
  return [...allowed].sort().join(", ");
}

/**
 * Whether a request's raw headers (name, value, name, value...) hold more than one Host line,
 * which RFC 9112 (section 3.2) says a server must answer with a 400: two hosts could make a
 * proxy and this app disagree on which site was asked for. Node keeps the first one silently.
 */
export function repeatsHost(rawHeaders: readonly string[]): boolean {
  return readHost(rawHeaders) === "repeated";
}

/** A path for a Location: one leading slash and no backslash, so it cannot name another host. */
const safeLocation = (rawPath: string) =>
  `/${rawPath.replace(/^[/\\]+/, "")}`.replace(/\\/g, "%5C");

/**
 * Werkzeug's merge_slashes: when a path with repeated slashes matches nothing, the same path
 * with them merged is tried; the raw path to redirect to when it matches (or needs its
 * trailing slash), else `undefined`.
 */
function mergedSlashes(
  map: UrlMap,
  method: string,
  rawPath: string,
  domain: string | undefined,
): string | undefined {
  const merged = rawPath.replace(/\/{2,}/g, "/");
  // "/static//.." merged would be "/static/..": a client resolves that to another folder.
  if (merged === rawPath || DOT_SEGMENT.test(merged)) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(merged);
  } catch {
    return undefined;
  }
  const result = map.match(method, path, domain);
  if (result.kind === "match") return merged;
  if (result.kind === "slash") return `${merged}/`;
  return undefined;
}

/**
 * Resolves a request line: the path is percent-decoded once (a malformed escape is a 400),
 * then matched; no match for the method is a 405 with `Allow`, a missing trailing slash a 308.
 * Under a mount path (or a prefix a trusted proxy stripped), the path is matched without it and
 * every Location carries it; with domain matching, the path is matched on the Host's domain.
 * @example resolveRequest(map, "GET", "/admin?x=1"); // { kind: "redirect", location: "/admin/?x=1" }
 */
export function resolveRequest<Request>(
  map: UrlMap,
  method: string,
  target: string,
  rawHeaders?: readonly string[],
  options: ResolveOptions = {},
  site?: RequestSite<Request>,
  request?: Request,
): Resolution {
  let host: string | undefined;
  let forwarded: string | undefined;
  if (rawHeaders !== undefined) {
    const lines = readHost(rawHeaders);
    if (lines === "repeated") return BAD_REQUEST;
    host = lines.host;
    forwarded = lines.forwardedPrefix;
    // A Host that is not a host name is refused on every request, an untrusted one too.
    if (host !== undefined && !isTrustedHost(host, options.trustedHosts)) return BAD_REQUEST;
    if (host === undefined && options.trustedHosts?.length) return BAD_REQUEST;
  }
  let raw = target;
  if (target.charCodeAt(0) !== 47 /* / */) {
    // An absolute-form target (sent to proxies) is reduced to its path.
    raw = target.replace(ABSOLUTE_FORM, "");
    if (raw.charCodeAt(0) !== 47) return BAD_REQUEST;
  }
  const queryStart = raw.indexOf("?");
  let rawPath = queryStart === -1 ? raw : raw.slice(0, queryStart);
  // A prefix the host's trusted proxy stripped replaces the mount path, as Werkzeug's ProxyFix.
  const prefix =
    forwarded !== undefined && site?.trustsProxy(request as Request)
      ? forwardedPrefix(forwarded)
      : undefined;
  const scriptName = prefix ?? options.mountPath ?? "";
  if (prefix === undefined && scriptName !== "") {
    const under = underMount(rawPath, scriptName);
    if (under === undefined) return NOT_FOUND;
    rawPath = under;
  }
  const mode = map.domainMatching;
  const domain = mode && requestDomain(host, mode, options.serverName ?? "");
  let path = rawPath;
  if (rawPath.includes("%")) {
    try {
      path = decodeURIComponent(rawPath);
    } catch {
      return BAD_REQUEST;
    }
  }
  const query = queryStart === -1 ? "" : raw.slice(queryStart);
  const result = map.match(method, path, domain);
  if (result.kind === "none" || result.kind === "method") {
    const merged =
      options.mergeSlashes === false ? undefined : mergedSlashes(map, method, rawPath, domain);
    if (merged) {
      return { kind: "redirect", location: `${scriptName}${safeLocation(merged)}${query}` };
    }
  }
  switch (result.kind) {
    case "match": {
      const { route } = result;
      const { compiled } = route;
      // The domain's variables come first, as the rule's params object names them.
      const values =
        compiled.domainVariables.length === 0
          ? result.values
          : [
              ...(result.domainValues ?? compiled.domainVariables.map(() => undefined)),
              ...result.values,
            ];
      const params = compiled.makeParams(values);
      if (route.defaults) Object.assign(params, route.defaults);
      const canonical = map.hasDefaultsProvider(route)
        ? defaultsRedirect(map, route, method, params)
        : undefined;
      if (canonical !== undefined) {
        const location = canonicalLocation(map, canonical, scriptName, domain, options.serverName);
        return { kind: "redirect", location: `${location}${query}` };
      }
      if (route.redirectTo !== undefined || route.kind === "link") {
        // A function gives the whole URL; a rule is a path of this app, under its mount.
        const location = redirectLocation(route, params);
        const mounted = typeof route.redirectTo === "function" ? "" : scriptName;
        return { kind: "redirect", location: `${mounted}${location}` };
      }
      return { kind: "route", route, params, host, scriptName: prefix, domain };
    }
    case "slash": {
      // The mount path itself ("/blog") is the root of the app: its slashed URL is "/blog/".
      const slashed = rawPath === "" ? "/" : `${safeLocation(rawPath)}/`;
      return { kind: "redirect", location: `${scriptName}${slashed}${query}` };
    }
    case "method": {
      const allow = allowHeader(result.allowed);
      return method === "OPTIONS"
        ? { kind: "options", allow }
        : { kind: "error", status: 405, allow, scriptName: prefix, domain };
    }
    case "none":
      return prefix === undefined && domain === undefined
        ? NOT_FOUND
        : { kind: "error", status: 404, scriptName: prefix, domain };
  }
}
