import { BuildError } from "../errors.js";
import { ValidationError } from "./converters.js";
import { type DomainMatching, domainHost, normalizeHost } from "./domain.js";
import type { Route } from "./route.js";
import type { UrlMap } from "./url-map.js";

/** Where a URL is built, as far as its site goes: the request's origin, prefix and domain. */
interface SiteContext {
  readonly origin?: () => { scheme: string; host: string };
  readonly scriptName?: string | undefined;
  readonly domain?: string | undefined;
}

/** The app's options a URL's site comes from. */
interface SiteDefaults {
  readonly serverName: string | undefined;
  readonly scheme: string;
  readonly mountPath?: string;
}

/**
 * The domain key URLs are built from when there is no request: the bare `serverName`
 * (subdomain ""), or with host matching `serverName` itself, as Werkzeug's `bind(server_name)`.
 */
function defaultDomain(mode: DomainMatching, serverName: string | undefined): string | undefined {
  if (mode === "subdomain") return "";
  return serverName === undefined ? undefined : normalizeHost(serverName);
}

/**
 * With host matching, an endpoint's urls on the current host come first, so that a link
 * stays on the host it is clicked on (Werkzeug's `test_build_url_same_endpoint_multiple_hosts`).
 */
export function preferCurrentDomain(
  routes: readonly Route[],
  context: SiteContext,
): readonly Route[] {
  const current = context.domain;
  if (current === undefined) return routes;
  const here = routes.filter((route) => route.domain?.text === current);
  return here.length === 0 ? routes : [...here, ...routes.filter((route) => !here.includes(route))];
}

/** The domain key a route is built on: its own rule written with the values, or the default. */
function targetDomain(
  route: Route,
  mode: DomainMatching,
  params: Readonly<Record<string, unknown>>,
  method: string | undefined,
): string | undefined {
  const { domain } = route;
  // A url without a subdomain is on the bare serverName; one without a host, on any host.
  if (domain === undefined) return mode === "subdomain" ? "" : undefined;
  const given = Object.keys(params).filter((key) => params[key] !== undefined && key[0] !== "_");
  let written: string | undefined;
  try {
    written = domain.write(params);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const variable = domain.variables.join(", ");
    throw new BuildError(
      route.endpoint,
      method,
      { kind: "rejected-value", variable, detail: error.message },
      given,
    );
  }
  if (written !== undefined) return written;
  const missing = domain.variables.filter((name) => params[name] === undefined);
  throw new BuildError(route.endpoint, method, { kind: "missing-values", missing }, given);
}

/**
 * A built path and query as the URL `urlFor` returns: under the mount path (or the prefix a
 * trusted proxy stripped), and external (`scheme://host`) when asked (`_external`, `_scheme`)
 * or when, with domain matching, the url's host is not the current one (outside a request,
 * the bare `serverName`).
 * @example siteUrl(map, route, "/posts/", {}, { module: null }, { serverName: undefined, scheme: "http", mountPath: "/blog" }, undefined); // "/blog/posts/"
 */
export function siteUrl(
  map: UrlMap,
  route: Route,
  url: string,
  params: Readonly<Record<string, unknown>>,
  context: SiteContext,
  defaults: SiteDefaults,
  method: string | undefined,
): string {
  const scriptName = context.scriptName ?? defaults.mountPath ?? "";
  const mode = map.domainMatching;
  let host: string | undefined;
  let elsewhere = false;
  if (mode !== undefined) {
    const target = targetDomain(route, mode, params, method);
    const current =
      context.domain ?? (context.origin ? undefined : defaultDomain(mode, defaults.serverName));
    if (target !== undefined) {
      host = domainHost(target, mode, defaults.serverName ?? "");
      elsewhere = target !== current;
    }
  }
  if (!elsewhere && !params._external && params._scheme === undefined) {
    return scriptName + url;
  }
  const request = context.origin?.();
  if (host === undefined) {
    // With serverName set, external URLs always name it, never a host a client sent.
    host = defaults.serverName ?? request?.host;
    if (host === undefined) {
      throw new BuildError(route.endpoint, method, { kind: "no-server-name" });
    }
  }
  const scheme =
    typeof params._scheme === "string" ? params._scheme : (request?.scheme ?? defaults.scheme);
  return `${scheme}://${host}${scriptName}${url}`;
}
