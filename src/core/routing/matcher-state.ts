import type { DynamicPattern } from "./rule.js";

/** The empty list every new state and route set starts with: one for all of them. */
const NONE: readonly never[] = Object.freeze([]);

/**
 * The routes that end at one state, searched in order by their own methods (a route has one
 * to three): one short list, lighter than a map for each of an app's thousands of rules.
 */
export class RouteSet<R extends { readonly methods: readonly string[] }> {
  /** The routes, in order; one route (nearly every set) is kept without a list. */
  #routes: R | readonly R[] | undefined;

  /** The route of exactly `method`. */
  get(method: string): R | undefined {
    for (const route of this.routes) if (route.methods.includes(method)) return route;
    return undefined;
  }

  /** The route answering `method`; `HEAD` falls back to `GET`. */
  pick(method: string): R | undefined {
    const one = this.#routes;
    if (one !== undefined && !Array.isArray(one)) {
      const { methods } = one as R;
      return methods.includes(method) || (method === "HEAD" && methods.includes("GET"))
        ? (one as R)
        : undefined;
    }
    return this.get(method) ?? (method === "HEAD" ? this.get("GET") : undefined);
  }

  get routes(): readonly R[] {
    const routes = this.#routes;
    return routes === undefined ? NONE : Array.isArray(routes) ? routes : [routes as R];
  }

  /** Every method some route of the set answers. */
  *methods(): Generator<string> {
    for (const route of this.routes) yield* route.methods;
  }

  /** Adds a route; the caller has checked that none of its methods is taken. */
  add(route: R): void {
    // A list of exact size (concat): one grown by push or spread keeps room for 17.
    this.#routes = this.#routes === undefined ? route : this.routes.concat([route]);
  }
}

/**
 * A dynamic transition: one segment to the next state, or (a tail: a converter that may
 * cross "/") the rest of the path to its routes. Both kinds share one list, as Werkzeug's
 * final parts share the dynamic transitions, so that its weighting orders them together.
 */
export type Edge<R extends { readonly methods: readonly string[] }> =
  | { readonly pattern: DynamicPattern; readonly state: State<R>; readonly routes?: undefined }
  | { readonly pattern: DynamicPattern; readonly routes: RouteSet<R>; readonly state?: undefined };

/** One state of the machine: a position between two path segments. */
export class State<R extends { readonly methods: readonly string[] }> {
  /**
   * The states after each static segment but the empty one; made with the first, since most
   * states (those after a converter) have none.
   */
  static: Map<string, State<R>> | undefined;
  /** The state after the empty segment: a trailing slash, the most common static segment. */
  slash: State<R> | undefined;
  dynamic: readonly Edge<R>[] = NONE;
  routes: RouteSet<R> | undefined;

  /** The state after the static segment `text`, made if it does not exist yet. */
  addStatic(text: string): State<R> {
    if (text === "") {
      this.slash ??= new State<R>();
      return this.slash;
    }
    this.static ??= new Map();
    let state = this.static.get(text);
    if (state === undefined) {
      state = new State<R>();
      this.static.set(text, state);
    }
    return state;
  }
}
