import { ruleArguments } from "./build-rules.js";
import type { Route } from "./route.js";

/** Levenshtein distance, for how close two endpoint names are. */
export function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/** How alike two names are, from 0 (nothing alike) to 1 (equal). */
export const similarity = (a: string, b: string): number =>
  a.length + b.length === 0 ? 1 : 1 - distance(a, b) / Math.max(a.length, b.length);

/**
 * Werkzeug's `BuildError.closest_rule`: the route scoring highest on 0.98 × the likeness of its
 * endpoint's name, 0.01 when it takes every value given, and 0.01 when it accepts the method;
 * the first registered among equals. `undefined` only for an empty map.
 * @example closestRoute(map.routes, "admin.user", [], undefined)?.endpoint; // "admin.users"
 */
export function closestRoute(
  routes: readonly Route[],
  endpoint: string,
  values: readonly string[],
  method: string | undefined,
): Route | undefined {
  let best: Route | undefined;
  let bestScore = -1;
  for (const route of routes) {
    const names = ruleArguments(route);
    const score =
      0.98 * similarity(route.endpoint, endpoint) +
      (values.every((value) => names.has(value)) ? 0.01 : 0) +
      (method !== undefined && route.methods.includes(method) ? 0.01 : 0);
    if (score > bestScore) {
      best = route;
      bestScore = score;
    }
  }
  return best;
}
