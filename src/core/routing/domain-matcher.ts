import { type CompiledDomain, captureDomain, type DomainMatching } from "./domain.js";
import { type MatchableRoute, Matcher, type MatchResult } from "./matcher.js";
import type { DynamicPattern } from "./rule.js";
import { compareWeighting } from "./weighting.js";

/** What the domain matcher needs of a route: its domain rule, if it has one. */
export interface DomainRoute extends MatchableRoute {
  readonly domain?: CompiledDomain;
}

/** A match, with the values of the domain's variables when its rule has any. */
export type DomainMatchResult<R> = MatchResult<R> & { readonly domainValues?: readonly unknown[] };

interface PatternMatcher<R extends DomainRoute> {
  readonly pattern: DynamicPattern;
  readonly matcher: Matcher<R>;
}

/**
 * One path matcher per domain rule, chosen before the path is matched: static domains by a
 * map lookup, then patterned ones (`<user>`) by Werkzeug's weighting, then, with host
 * matching, the urls that name no host. Only an app with subdomain or host matching has one.
 * @example const domains = new DomainMatcher("subdomain"); domains.add(route); domains.match("GET", "/", "api");
 */
export class DomainMatcher<R extends DomainRoute> {
  readonly #mode: DomainMatching;
  readonly #byText = new Map<string, Matcher<R>>();
  readonly #patterns: PatternMatcher<R>[] = [];
  /** Host matching: the urls without a `host`, served on every host after the others. */
  readonly #anyHost = new Matcher<R>();

  constructor(mode: DomainMatching) {
    this.#mode = mode;
  }

  /** Adds a route to its domain's matcher; returns a conflict on that domain, as `Matcher.add`. */
  add(route: R): ReturnType<Matcher<R>["add"]> {
    const { domain } = route;
    return this.#matcherOf(domain).add(route);
  }

  #matcherOf(domain: CompiledDomain | undefined): Matcher<R> {
    // Subdomain matching: a url without a subdomain is on the default one, "" (Flask's).
    if (domain === undefined && this.#mode === "host") return this.#anyHost;
    const pattern = domain?.pattern;
    if (pattern === undefined) {
      const text = domain?.text ?? "";
      let matcher = this.#byText.get(text);
      if (!matcher) {
        matcher = new Matcher<R>();
        this.#byText.set(text, matcher);
      }
      return matcher;
    }
    let entry = this.#patterns.find((candidate) => candidate.pattern.key === pattern.key);
    if (!entry) {
      entry = { pattern, matcher: new Matcher<R>() };
      this.#patterns.push(entry);
      this.#patterns.sort((a, b) => compareWeighting(a.pattern.weighting, b.pattern.weighting));
    }
    return entry.matcher;
  }

  /**
   * Matches `path` on the domain key (the subdomain, or the whole host): the first domain
   * whose urls match wins; else a strict-slash redirect, else a 405 for the methods any of
   * them allows, else nothing.
   */
  match(method: string, path: string, domain: string): DomainMatchResult<R> {
    let slash = false;
    let allowed: Set<string> | undefined;
    const consider = (result: MatchResult<R>): boolean => {
      if (result.kind === "slash") slash = true;
      else if (result.kind === "method") {
        allowed ??= new Set();
        for (const name of result.allowed) allowed.add(name);
      }
      return result.kind === "match";
    };
    const exact = this.#byText.get(domain)?.match(method, path);
    if (exact && consider(exact)) return exact;
    for (const { pattern, matcher } of this.#patterns) {
      const domainValues = captureDomain(pattern, domain);
      if (domainValues === undefined) continue;
      const result = matcher.match(method, path);
      if (consider(result)) return { ...result, domainValues };
    }
    if (this.#mode === "host") {
      const result = this.#anyHost.match(method, path);
      if (consider(result)) return result;
    }
    if (slash) return { kind: "slash" };
    if (allowed) return { kind: "method", allowed: [...allowed] };
    return { kind: "none" };
  }
}
