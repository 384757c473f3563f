import { domainHost } from "./domain.js";
import type { Canonical } from "./redirects.js";
import type { UrlMap } from "./url-map.js";

/**
 * The Location of a defaults redirect: the canonical path under the mount path, and, when
 * the canonical url is on another domain (Werkzeug's `test_request_redirect_default_subdomain`),
 * that host, scheme-relative so that the client keeps its scheme.
 * @example canonicalLocation(map, canonical, "/blog", undefined, undefined); // "/blog/users/"
 */
export function canonicalLocation(
  map: UrlMap,
  canonical: Canonical,
  scriptName: string,
  domain: string | undefined,
  serverName: string | undefined,
): string {
  const mode = map.domainMatching;
  const own = canonical.route.domain;
  // A url without a subdomain is on the bare serverName; one without a host, on any host.
  const target = own ? own.write(canonical.values) : mode === "subdomain" ? "" : domain;
  if (mode === undefined || target === undefined || target === domain) {
    return `${scriptName}${canonical.path}`;
  }
  return `//${domainHost(target, mode, serverName ?? "")}${scriptName}${canonical.path}`;
}
