import { ValidationError } from "./converters.js";
import { RouteSet, State } from "./matcher-state.js";
import type { CompiledRule, DynamicPattern, SegmentPattern } from "./rule.js";
import { compareWeighting } from "./weighting.js";

/** What the matcher needs of a route: its compiled rule and its methods. */
export interface MatchableRoute {
  readonly compiled: CompiledRule;
  readonly methods: readonly string[];
  /**
   * `false`: the rule also matches with (or without) its trailing slash, no redirect
   * (Werkzeug's `strict_slashes=False`). Default `true`.
   */
  readonly strictSlashes?: boolean;
}

/**
 * The matcher's answer. It knows no HTTP: the dispatcher turns `slash` into a 308,
 * `method` into a 405 and `none` into a 404.
 */
export type MatchResult<R> =
  | { readonly kind: "match"; readonly route: R; readonly values: readonly unknown[] }
  | { readonly kind: "slash" }
  | { readonly kind: "method"; readonly allowed: readonly string[] }
  | { readonly kind: "none" };

/**
 * Werkzeug's weighting first; equal weightings (Werkzeug keeps them in registration order)
 * are ordered by their text, so that registration order never matters.
 */
const byPrecedence = (a: { pattern: DynamicPattern }, b: { pattern: DynamicPattern }) =>
  compareWeighting(a.pattern.weighting, b.pattern.weighting) ||
  (a.pattern.key < b.pattern.key ? -1 : a.pattern.key > b.pattern.key ? 1 : 0);

/** The route of a set that also answers without strict slashes, for `method`. */
const lenient = <R extends MatchableRoute>(routes: RouteSet<R> | undefined, method: string) => {
  const route = routes?.pick(method);
  return route?.strictSlashes === false ? route : undefined;
};

/** Search state for one `match` call: what failed only for its method, and slash redirects. */
interface Search {
  readonly path: string;
  readonly method: string;
  readonly values: unknown[];
  allowed: Set<string> | undefined;
  slash: boolean;
}

/**
 * Matches a decoded path against every rule at once. Precedence lives in the structure:
 * static segments are tried before converters, converters by weight, `path`-like tails last,
 * so registration order never matters.
 * @example matcher.add(route); matcher.match("GET", "/users/7"); // { kind: "match", route, values: [7] }
 */
export class Matcher<R extends MatchableRoute> {
  readonly #root = new State<R>();
  /**
   * The states two static segments below the root, by the two segments ("forum/thread"):
   * the search tries static text first at every state, so for a path starting with two such
   * segments it explores that state first; one lookup finds it, instead of one per segment.
   * Made on the first match after an addition (a pair missing from a stale map only costs
   * the whole search, which finds the same).
   */
  #pairs: Map<string, State<R>> | undefined;

  /** Adds a route; returns the route already holding one of its methods on the same rule, if any. */
  add(route: R): { existing: R; method: string } | undefined {
    this.#pairs = undefined;
    let state = this.#root;
    // Indexed loops and no sort of a list of one: an app's start-up adds every route once,
    // before the JIT has optimized anything.
    const { segments } = route.compiled;
    for (let index = 0; index < segments.length; index++) {
      const segment = segments[index] as SegmentPattern;
      if (segment.type === "static") {
        state = state.addStatic(segment.text);
        continue;
      }
      let edge = state.dynamic.find(
        (candidate) => candidate.state && candidate.pattern.key === segment.key,
      );
      if (!edge) {
        edge = { pattern: segment, state: new State<R>() };
        // A copy of exact size, sorted: these lists live as long as the app.
        state.dynamic =
          state.dynamic.length === 0 ? [edge] : state.dynamic.concat([edge]).sort(byPrecedence);
      }
      state = edge.state as State<R>;
    }
    let routes: RouteSet<R>;
    const tailPattern = route.compiled.tail;
    if (tailPattern) {
      let tail = state.dynamic.find(
        (candidate) => candidate.routes && candidate.pattern.key === tailPattern.key,
      );
      if (!tail) {
        tail = { pattern: tailPattern, routes: new RouteSet<R>() };
        state.dynamic =
          state.dynamic.length === 0 ? [tail] : state.dynamic.concat([tail]).sort(byPrecedence);
      }
      routes = tail.routes as RouteSet<R>;
    } else {
      state.routes ??= new RouteSet<R>();
      routes = state.routes;
    }
    for (const method of route.methods) {
      const existing = routes.get(method);
      if (existing) return { existing, method };
    }
    routes.add(route);
    return undefined;
  }

  /** Matches `path` (percent-decoded, starting with "/") for `method`. */
  match(method: string, path: string): MatchResult<R> {
    const search: Search = { path, method, values: [], allowed: undefined, slash: false };
    // Where the pair's state finds nothing, the whole search runs: it explores that state
    // again, then what the search would have tried after it.
    const found = this.#fromPair(search) ?? this.#find(this.#root, 1, search);
    if (found) return found;
    if (search.slash) return { kind: "slash" };
    if (search.allowed) return { kind: "method", allowed: [...search.allowed] };
    return { kind: "none" };
  }

  /** The search from the state of the path's first two segments, when they are a pair. */
  #fromPair(search: Search): MatchResult<R> | undefined {
    const { path } = search;
    const first = path.indexOf("/", 1);
    if (first === -1) return undefined;
    let second = path.indexOf("/", first + 1);
    if (second === -1) second = path.length;
    this.#pairs ??= pairsOf(this.#root);
    const state = this.#pairs.get(path.slice(1, second));
    return state && this.#find(state, second + 1, search);
  }

  /**
   * Depth-first search from the segment starting at `start`; `start > path.length` means the
   * path is consumed. A static step with nothing to try after it (no converter, no lenient
   * slash) is the search's last: it is taken by the loop, not by a call.
   */
  #find(state: State<R>, start: number, search: Search): MatchResult<R> | undefined {
    const { path } = search;
    for (;;) {
      if (start > path.length) return this.#consumed(state, search);
      // The segment: none to cut out after a trailing slash (the empty one, the commonest).
      let end = start;
      let segment = "";
      if (start < path.length) {
        end = path.indexOf("/", start);
        if (end === -1) end = path.length;
        segment = path.slice(start, end);
      }

      // 1. Static text ("" between two slashes too, in a rule compiled without merged slashes).
      const next = end === start ? state.slash : state.static?.get(segment);
      const last = state.dynamic.length === 0 && (start < path.length || !state.routes);
      if (next) {
        // A rule's trailing slash, the commonest last step, is accepted without a call more.
        if (end === path.length && next.routes) {
          const found = this.#accept(next.routes, search);
          if (found) return found;
        }
        if (last) {
          state = next;
          start = end + 1;
          continue;
        }
        const found = this.#find(next, end + 1, search);
        if (found) return found;
      } else if (last) {
        return undefined;
      }
      // 2. Converters, by precedence: within this segment, or (tails, like `path`) over the
      // rest of the path.
      for (const edge of state.dynamic) {
        const depth = search.values.length;
        if (edge.state) {
          if (!this.#capture(edge.pattern, segment, search.values)) continue;
          const found = this.#find(edge.state, end + 1, search);
          if (found) return found;
        } else {
          const found = this.#tail(edge.pattern, edge.routes, path.slice(start), search);
          if (found) return found;
        }
        search.values.length = depth;
      }
      // 3. A trailing slash after a rule without one, when the rule has no strict slashes.
      if (start === path.length && start > 1) {
        const route = lenient(state.routes, search.method);
        if (route) return { kind: "match", route, values: search.values };
      }
      return undefined;
    }
  }

  /** The path is consumed at `state`: its routes, or a strict-slash redirect to its slashed URL. */
  #consumed(state: State<R>, search: Search): MatchResult<R> | undefined {
    if (state.routes) {
      const found = this.#accept(state.routes, search);
      if (found) return found;
    }
    // Strict slashes: "/admin" where only "/admin/" exists is a redirect, if nothing else
    // matches; without strict slashes, a match.
    const slashed = state.slash?.routes;
    if (slashed?.pick(search.method)) {
      const route = lenient(slashed, search.method);
      if (route) return { kind: "match", route, values: search.values };
      search.slash = true;
    }
    return undefined;
  }

  /** A tail over the rest of the path; one ending in "/" also answers the path without it. */
  #tail(
    pattern: DynamicPattern,
    routes: RouteSet<R>,
    rest: string,
    search: Search,
  ): MatchResult<R> | undefined {
    const depth = search.values.length;
    if (this.#capture(pattern, rest, search.values)) {
      const found = this.#accept(routes, search);
      if (found) return found;
      search.values.length = depth;
      return undefined;
    }
    if (!pattern.slashed || rest.endsWith("/") || !routes.pick(search.method)) return undefined;
    if (!this.#capture(pattern, `${rest}/`, search.values)) return undefined;
    const route = lenient(routes, search.method);
    if (route) return { kind: "match", route, values: search.values };
    search.values.length = depth;
    search.slash = true;
    return undefined;
  }

  #accept(routes: RouteSet<R>, search: Search): MatchResult<R> | undefined {
    const route = routes.pick(search.method);
    // The search ends here, so its values array is handed over rather than copied.
    if (route) return { kind: "match", route, values: search.values };
    search.allowed ??= new Set();
    for (const method of routes.methods()) search.allowed.add(method);
    return undefined;
  }

  /** Runs a pattern and its converters; pushes the values, or returns false on no match. */
  #capture(pattern: DynamicPattern, text: string, values: unknown[]): boolean {
    // The common `<int:id>` segment: a test, and no match array to allocate.
    if (pattern.whole) {
      const accepted =
        pattern.accepts === undefined ? pattern.regex.test(text) : pattern.accepts(text);
      if (!accepted) return false;
      try {
        values.push((pattern.converters[0] as (typeof pattern.converters)[number]).toValue(text));
        return true;
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return false;
      }
    }
    const found = pattern.regex.exec(text);
    if (!found) return false;
    const depth = values.length;
    for (let index = 0; index < pattern.groups.length; index++) {
      const raw = found[pattern.groups[index] as number] as string;
      try {
        values.push(
          (pattern.converters[index] as (typeof pattern.converters)[number]).toValue(raw),
        );
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        values.length = depth;
        return false;
      }
    }
    return true;
  }
}

/** The states two static segments below `root`, by the two segments joined by "/". */
function pairsOf<R extends MatchableRoute>(root: State<R>): Map<string, State<R>> {
  const pairs = new Map<string, State<R>>();
  for (const [text, state] of root.static ?? []) {
    for (const [next, grandchild] of state.static ?? []) pairs.set(`${text}/${next}`, grandchild);
  }
  return pairs;
}
