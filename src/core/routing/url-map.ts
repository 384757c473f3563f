import { DuplicateEndpoint, DuplicateRoute } from "../errors.js";
import { Matcher, type MatchResult } from "./matcher.js";
import type { Route } from "./route.js";

/**
 * Every route of an app, by endpoint and in the matcher. A new map is built for each
 * registration and swapped in only when complete, so a failed registration changes nothing.
 * @example const map = new UrlMap(); map.add(route); map.match("GET", "/about/");
 */
export class UrlMap {
  readonly #routes: Route[] = [];
  readonly #endpoints = new Map<string, Route>();
  readonly #matcher = new Matcher<Route>();

  /** Adds a route; a name or a rule and method already taken is an error. */
  add(route: Route): void {
    const earlier = this.#endpoints.get(route.endpoint);
    if (earlier) throw new DuplicateEndpoint(route.endpoint, [earlier.rule, route.rule]);
    const conflict = this.#matcher.add(route);
    if (conflict)
      throw new DuplicateRoute(
        route.rule,
        conflict.method,
        conflict.existing.endpoint,
        route.endpoint,
      );
    this.#endpoints.set(route.endpoint, route);
    this.#routes.push(route);
  }

  /** The route of an endpoint. */
  get(endpoint: string): Route | undefined {
    return this.#endpoints.get(endpoint);
  }

  /** Every endpoint name, in registration order. */
  endpoints(): string[] {
    return [...this.#endpoints.keys()];
  }

  /** Every route, in registration order. */
  get routes(): readonly Route[] {
    return this.#routes;
  }

  /** Matches a percent-decoded path. */
  match(method: string, path: string): MatchResult<Route> {
    return this.#matcher.match(method, path);
  }
}
