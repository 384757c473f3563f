import type { Route } from "./route.js";

/** The variables of a route and the keys of its defaults: Werkzeug's `Rule.arguments`. */
export function ruleArguments(route: Route): ReadonlySet<string> {
  const names = new Set(route.compiled.variables);
  if (route.defaults) for (const key of Object.keys(route.defaults)) names.add(key);
  return names;
}

/** Whether a route answers `method` (`HEAD` where it answers `GET`, as Werkzeug adds it). */
export const acceptsMethod = (route: Route, method: string): boolean =>
  route.methods.includes(method) || (method === "HEAD" && route.methods.includes("GET"));

/** A value that counts as given: Werkzeug drops `None` values before building. */
const given = (value: unknown) => value !== undefined && value !== null;

/**
 * Werkzeug's `Rule.suitable_for`: the route accepts the method (when one is asked for), every
 * variable has a value or a default, and every value given for a default equals it.
 * @example suitableFor(pageOne, { page: 2 }, undefined); // false: /users/ is page 1 only
 */
export function suitableFor(
  route: Route,
  values: Readonly<Record<string, unknown>>,
  method: string | undefined,
): boolean {
  if (method !== undefined && !acceptsMethod(route, method)) return false;
  const { defaults } = route;
  for (const variable of route.compiled.variables) {
    if (!given(values[variable]) && !(defaults && Object.hasOwn(defaults, variable))) return false;
  }
  if (defaults) {
    for (const key of Object.keys(defaults)) {
      if (given(values[key]) && values[key] !== defaults[key]) return false;
    }
  }
  return true;
}

/**
 * Werkzeug's build order (`build_compare_key`): routes with more arguments first, then more
 * defaults, registration order otherwise (the sort is stable).
 * @example [...routes].sort(byBuildOrder); // "/users/page/<int:page>/" and "/users/" (page 1): "/users/" first
 */
export function byBuildOrder(a: Route, b: Route): number {
  return (
    ruleArguments(b).size - ruleArguments(a).size ||
    Object.keys(b.defaults ?? {}).length - Object.keys(a.defaults ?? {}).length
  );
}

/**
 * Werkzeug's `provides_defaults_for`: `candidate` is the canonical URL of what `matched`
 * matched when both serve the endpoint with the same arguments and `candidate` has defaults.
 */
export function providesDefaultsFor(candidate: Route, matched: Route): boolean {
  if (candidate === matched || candidate.buildOnly || !candidate.defaults) return false;
  if (Object.keys(candidate.defaults).length === 0) return false;
  if (candidate.endpoint !== matched.endpoint) return false;
  const mine = ruleArguments(candidate);
  const theirs = ruleArguments(matched);
  return mine.size === theirs.size && [...mine].every((name) => theirs.has(name));
}
