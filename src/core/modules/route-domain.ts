import { InvalidURLRule } from "../errors.js";
import type { ConverterDefinition } from "../routing/converters.js";
import { type CompiledDomain, compileDomain, type DomainMatching } from "../routing/domain.js";

/** What a url says of its domain: its own `subdomain` or `host`, if any. */
interface DomainOptions {
  readonly rule: string;
  readonly subdomain?: string;
  readonly host?: string;
}

/** The app's settings a url's domain is compiled with. */
interface DomainSources {
  readonly converters: Readonly<Record<string, ConverterDefinition>>;
  readonly domainMatching?: DomainMatching;
}

/**
 * The compiled `subdomain` (the url's, else its module's) or `host` of a url; `undefined`
 * when it has none. One the app does not route by (no `subdomainMatching` or `hostMatching`)
 * is an error: the url would be served on every host, or never.
 * @example routeDomain({ rule: "/", subdomain: "<user>" }, undefined, sources, "the app")?.variables; // ["user"]
 */
export function routeDomain(
  pattern: DomainOptions,
  moduleSubdomain: string | undefined,
  sources: DomainSources,
  owner: string,
): CompiledDomain | undefined {
  const { host } = pattern;
  const subdomain = pattern.subdomain ?? moduleSubdomain;
  if (host !== undefined) {
    if (sources.domainMatching !== "host") {
      throw new InvalidURLRule(
        pattern.rule,
        `its host option ${JSON.stringify(host)} needs the app option hostMatching: true (new MicroServicesApp(import.meta.url, { hostMatching: true })).`,
        owner,
      );
    }
    return compileDomain(host, sources.converters, "host", owner);
  }
  if (subdomain === undefined) return undefined;
  if (sources.domainMatching !== "subdomain") {
    throw new InvalidURLRule(
      pattern.rule,
      `its subdomain ${JSON.stringify(subdomain)}${pattern.subdomain === undefined ? " (its module's)" : ""} needs the app options subdomainMatching: true and serverName, without hostMatching (new MicroServicesApp(import.meta.url, { serverName: "example.com", subdomainMatching: true })).`,
      owner,
    );
  }
  return compileDomain(subdomain, sources.converters, "subdomain", owner);
}
