/**
 * Werkzeug's `_host_re`: a host name or IPv4 address (letters, digits, dots, hyphens) or a
 * bracketed IPv6 address, then an optional port. Anything else (`user@host`, spaces, `/`,
 * `\`, `#`, `?`) is not a host: a redirect built from it could point anywhere.
 */
const HOST = /^(?:[a-z0-9.-]+|\[[a-f0-9]*:[a-f0-9.:]+\])(?::[0-9]+)?$/i;

/** The host name of a `host:port` value, lower-cased, without its port. */
export const hostName = (host: string): string => host.replace(/:[0-9]+$/, "").toLowerCase();

/**
 * Whether a `Host` value is a syntactically valid host, and trusted: with a `trustedHosts`
 * list, its name equals an entry, or is a subdomain of an entry that starts with "." (which
 * also matches the domain itself), as Werkzeug's `host_is_trusted` and Django's
 * `ALLOWED_HOSTS`. The port is ignored.
 * @example isTrustedHost("api.example.com:8080", [".example.com"]); // true
 */
export function isTrustedHost(host: string, trustedHosts?: readonly string[]): boolean {
  if (!HOST.test(host)) return false;
  if (!trustedHosts || trustedHosts.length === 0) return true;
  const name = hostName(host);
  return trustedHosts.some((entry) => {
    const reference = entry.toLowerCase();
    if (!reference.startsWith(".")) return name === reference;
    return name === reference.slice(1) || name.endsWith(reference);
  });
}

/**
 * What the `Host` lines of a request say: one value, none, or (a 400) more than one; and its
 * `X-Forwarded-Prefix`, read in the same pass, for when the host trusts its proxy.
 */
export type HostLines =
  | { readonly host: string | undefined; readonly forwardedPrefix: string | undefined }
  | "repeated";

/**
 * The `Host` value of a request's raw headers (name, value, name, value...). RFC 9112
 * (section 3.2) says a request with two Host lines must get a 400: a proxy and this app could
 * disagree on which site was asked for.
 * @example readHost(["Host", "example.com"]); // { host: "example.com", forwardedPrefix: undefined }
 */
export function readHost(rawHeaders: readonly string[]): HostLines {
  let host: string | undefined;
  let seen = false;
  let forwardedPrefix: string | undefined;
  for (let index = 0; index < rawHeaders.length; index += 2) {
    const name = rawHeaders[index] as string;
    if (name.length === 18 && name.toLowerCase() === "x-forwarded-prefix") {
      forwardedPrefix = rawHeaders[index + 1] as string;
      continue;
    }
    if (name.length !== 4 || name.toLowerCase() !== "host") continue;
    if (seen) return "repeated";
    seen = true;
    host = (rawHeaders[index + 1] as string).trim();
  }
  // An empty Host (HTTP/1.0 allows it) names no host, as in Werkzeug: nothing to build from.
  return { host: host || undefined, forwardedPrefix };
}
