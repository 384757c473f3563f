import { DuplicateEndpoint, DuplicateRoute } from "../errors.js";
import { byBuildOrder, providesDefaultsFor } from "./build-rules.js";
import type { DomainMatching } from "./domain.js";
import { DomainMatcher, type DomainMatchResult } from "./domain-matcher.js";
import { Matcher } from "./matcher.js";
import type { Route } from "./route.js";

/** Whether two routes may share an endpoint: the same view, or one of them has none to call. */
const sameView = (a: Route, b: Route): boolean =>
  a.kind === "view" && b.kind === "view" && (a.view === b.view || !!a.redirectTo || !!b.redirectTo);

/**
 * Every route of an app, by endpoint and in the matcher. A new map is built for each
 * registration and swapped in only when complete, so a failed registration changes nothing.
 * @example const map = new UrlMap(); map.add(route); map.match("GET", "/about/");
 */
export class UrlMap {
  readonly #routes: Route[] = [];
  /** The routes of each endpoint, in registration order (Werkzeug's `_rules_by_endpoint`). */
  readonly #endpoints = new Map<string, Route[]>();
  /**
   * The same routes in Werkzeug's build order, for the endpoints of several routes: an
   * endpoint of one (nearly all of them) is its own order, and a second map of 10,000 lists
   * was a megabyte of an app's memory.
   */
  readonly #buildOrder = new Map<string, Route[]>();
  readonly #matcher = new Matcher<Route>();
  /** With subdomain or host matching, one matcher per domain, chosen before the path's. */
  readonly #domains: DomainMatcher<Route> | undefined;
  /**
   * The routes an earlier url of their endpoint provides defaults for: only they can be
   * redirected to a canonical URL, so every other match skips that search (a map lookup per
   * request in the profile).
   */
  readonly #defaultsProvided = new Set<Route>();
  /** `subdomain` or `host` when the app routes by domain. */
  readonly domainMatching: DomainMatching | undefined;

  constructor(domainMatching?: DomainMatching) {
    this.domainMatching = domainMatching;
    this.#domains = domainMatching && new DomainMatcher<Route>(domainMatching);
  }

  /**
   * Adds a route; a rule and method already taken is an error, and so is a name already
   * taken by another view (several rules of one view may share it, as Flask's stacked routes).
   */
  add(route: Route): void {
    const earlier = this.#endpoints.get(route.endpoint);
    const other = earlier?.find((existing) => !sameView(existing, route));
    if (other) throw new DuplicateEndpoint(route.endpoint, [other.rule, route.rule]);
    // A build-only url is never matched: it only builds links.
    const conflict = route.buildOnly ? undefined : (this.#domains ?? this.#matcher).add(route);
    if (conflict)
      throw new DuplicateRoute(
        route.rule,
        conflict.method,
        conflict.existing.endpoint,
        route.endpoint,
      );
    if (earlier?.some((candidate) => providesDefaultsFor(candidate, route))) {
      this.#defaultsProvided.add(route);
    }
    const routes = earlier ? [...earlier, route] : [route];
    this.#endpoints.set(route.endpoint, routes);
    if (earlier) this.#buildOrder.set(route.endpoint, [...routes].sort(byBuildOrder));
    this.#routes.push(route);
  }

  /** The first route of an endpoint. */
  get(endpoint: string): Route | undefined {
    return this.#endpoints.get(endpoint)?.[0];
  }

  /** The routes of an endpoint, in registration order. */
  rulesOf(endpoint: string): readonly Route[] {
    return this.#endpoints.get(endpoint) ?? [];
  }

  /** The routes of an endpoint in Werkzeug's build order: `urlFor` takes the first that fits. */
  buildOrderOf(endpoint: string): readonly Route[] {
    const routes = this.#endpoints.get(endpoint);
    if (routes === undefined) return [];
    return routes.length === 1 ? routes : (this.#buildOrder.get(endpoint) as Route[]);
  }

  /** Every endpoint name, in registration order. */
  endpoints(): string[] {
    return [...this.#endpoints.keys()];
  }

  /** Every route, in registration order. */
  get routes(): readonly Route[] {
    return this.#routes;
  }

  /** Whether an earlier url of the route's endpoint has defaults for it (a canonical URL may exist). */
  hasDefaultsProvider(route: Route): boolean {
    return this.#defaultsProvided.size > 0 && this.#defaultsProvided.has(route);
  }

  /** Matches a percent-decoded path; with domain matching, on the request's domain key. */
  match(method: string, path: string, domain?: string): DomainMatchResult<Route> {
    if (this.#domains) return this.#domains.match(method, path, domain ?? "");
    return this.#matcher.match(method, path);
  }
}
