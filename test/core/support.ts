// Shared builders for the core tests: rules compiled with the builtin converters, and routes
// and URL maps made from them without an app.
import { BUILTIN_CONVERTERS } from "../../src/core/routing/builtin-converters.js";
import type { Converter } from "../../src/core/routing/converters.js";
import { Matcher } from "../../src/core/routing/matcher.js";
import { parseRule } from "../../src/core/routing/parse-rule.js";
import type { Route } from "../../src/core/routing/route.js";
import { type CompiledRule, compileRule } from "../../src/core/routing/rule.js";
import { UrlMap } from "../../src/core/routing/url-map.js";

/** A rule parsed and compiled with the builtin converters. */
export const compile = (rule: string): CompiledRule =>
  compileRule(rule, parseRule(rule), BUILTIN_CONVERTERS);

/** The converter of a single placeholder, e.g. `converter("<int(min=1):x>")`. */
export const converter = (placeholder: string): Converter => {
  const found = compile(`/${placeholder}`).converters[0];
  if (!found) throw new Error(`no converter in ${placeholder}`);
  return found;
};

/** Whether a converter's regex accepts the whole text (before `toValue` runs). */
export const accepts = (target: Converter, text: string): boolean =>
  new RegExp(`^(?:${target.regex})$`, "s").test(text);

/** An app-level view route; the view returns its endpoint. */
export function route(rule: string, endpoint: string, methods: readonly string[] = ["GET"]): Route {
  return {
    kind: "view",
    endpoint,
    module: null,
    rule,
    compiled: compile(rule),
    methods,
    view: () => endpoint,
    requestData: { schemas: {}, csrf: undefined },
  };
}

/** `[rule, endpoint]` or `[rule, endpoint, methods]`. */
export type RouteSpec = readonly [string, string, (readonly string[])?];

/** A URL map holding the routes, added in the order given. */
export function urlMap(...specs: readonly RouteSpec[]): UrlMap {
  const map = new UrlMap();
  for (const [rule, endpoint, methods] of specs) map.add(route(rule, endpoint, methods));
  return map;
}

/** A bare matcher holding the routes, added in the order given. */
export function matcher(...specs: readonly RouteSpec[]): Matcher<Route> {
  const built = new Matcher<Route>();
  for (const [rule, endpoint, methods] of specs) {
    const conflict = built.add(route(rule, endpoint, methods));
    if (conflict) throw new Error(`${rule} conflicts with ${conflict.existing.endpoint}`);
  }
  return built;
}

/** The error a call throws (fails the test when it throws nothing), to check its fields. */
export function thrown(call: () => unknown): Error {
  try {
    call();
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`the call threw a non-Error: ${String(error)}`);
  }
  throw new Error("expected the call to throw");
}
