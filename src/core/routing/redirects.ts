import { InvalidURLRule } from "../errors.js";
import { providesDefaultsFor, suitableFor } from "./build-rules.js";
import { ValidationError } from "./converters.js";
import type { Route } from "./route.js";
import type { UrlMap } from "./url-map.js";

/** The canonical URL of a request: the url it is, its path, and the values it is built with. */
export interface Canonical {
  readonly route: Route;
  readonly path: string;
  readonly values: Readonly<Record<string, unknown>>;
}

/**
 * Werkzeug's `get_default_redirect`: the canonical path of what `route` matched, when an
 * earlier url of its endpoint has defaults equal to the matched values (`/users/page/1/` is
 * `/users/` when that url has `defaults: { page: 1 }`); `undefined` when the URL is canonical.
 * @example defaultsRedirect(map, pagedRoute, "GET", { page: 1 })?.path; // "/users/"
 */
export function defaultsRedirect(
  map: UrlMap,
  route: Route,
  method: string,
  params: Readonly<Record<string, unknown>>,
): Canonical | undefined {
  const siblings = map.rulesOf(route.endpoint);
  if (siblings.length < 2) return undefined;
  for (const candidate of siblings) {
    // Every url registered after the matched one, itself included, ranks lower.
    if (candidate === route) return undefined;
    if (!providesDefaultsFor(candidate, route) || !suitableFor(candidate, params, method)) continue;
    try {
      const values = { ...params, ...candidate.defaults };
      const path = candidate.compiled.writePath(values);
      if (path !== undefined) return { route: candidate, path, values };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
    }
  }
  return undefined;
}

const PLACEHOLDER = /<([^>]+)>/g;

/**
 * Checks a `redirectTo` rule against the url's variables: each `<name>` it holds must be one.
 * @example checkRedirectTarget(route); // throws InvalidURLRule for redirectTo "/new/<slug>/" on "/old/<int:id>/"
 */
export function checkRedirectTarget(route: Route, owner: string): void {
  const target = route.redirectTo;
  if (typeof target !== "string") return;
  for (const [, name = ""] of target.matchAll(PLACEHOLDER)) {
    if (!route.compiled.variables.includes(name)) {
      throw new InvalidURLRule(
        route.rule,
        `its redirectTo ${JSON.stringify(target)} uses <${name}>, which the rule does not have; use the rule's variables (${route.compiled.variables.join(", ") || "none"}) by their bare names, as <name>.`,
        owner,
      );
    }
  }
}

/**
 * Werkzeug's `redirect_to`: the URL a `redirectTo` url sends its request to, each `<name>`
 * written by the converter it was matched with; a function gets the matched params.
 * @example redirectLocation(oldRoute, { id: 7 }); // "/new/7/" for redirectTo "/new/<id>/"
 */
export function redirectLocation(route: Route, params: Readonly<Record<string, unknown>>): string {
  const target = route.redirectTo;
  if (typeof target === "function") return target(params);
  if (target === undefined) return route.rule;
  const { variables, converters } = route.compiled;
  return target.replace(PLACEHOLDER, (_, name: string) => {
    const converter = converters[variables.indexOf(name)];
    return converter ? converter.toUrl(params[name]) : "";
  });
}
