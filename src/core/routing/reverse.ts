import { BuildError } from "../errors.js";
import { acceptsMethod, ruleArguments, suitableFor } from "./build-rules.js";
import { closestRoute, distance } from "./closest-rule.js";
import { ValidationError } from "./converters.js";
import { queryString } from "./query-string.js";
import type { Route } from "./route.js";
import { URL_FOR_OPTIONS } from "./rule.js";
import { preferCurrentDomain, siteUrl } from "./site-url.js";
import type { UrlMap } from "./url-map.js";

/** Values `urlFor` accepts: rule variables, query parameters, and `_anchor`, `_external`, `_scheme`, `_method`. */
export type UrlForParams = Readonly<Record<string, unknown>>;
const OPTIONS: ReadonlySet<string> = new Set(URL_FOR_OPTIONS);

/** The keys of the values given to `urlFor` (options and empty values aside), for messages. */
const givenKeys = (params: UrlForParams): string[] =>
  Object.keys(params).filter(
    (key) => !OPTIONS.has(key) && params[key] !== undefined && params[key] !== null,
  );

/** Where a URL is being built: the current module, and the request's origin for `_external`. */
export interface UrlContext {
  readonly module: string | null;
  /** `{ scheme, host }` of the current request, or undefined outside a request. */
  readonly origin?: () => { scheme: string; host: string };
  /** The host's request being served, for the app's `urlDefaults` hooks; none outside one. */
  readonly request?: object;
  /** The prefix a trusted proxy stripped from the request (`X-Forwarded-Prefix`), if any. */
  readonly scriptName?: string | undefined;
  /** The domain key the request was matched on (subdomain or host), with domain matching. */
  readonly domain?: string | undefined;
}

/** The endpoint `name` stands for: `.name` is relative to the current module. */
export function resolveEndpoint(name: string, module: string | null): string {
  if (name.charCodeAt(0) !== 46 /* . */) return name;
  return module === null ? name.slice(1) : `${module}${name}`;
}

/**
 * The `BuildError` for the value a converter refused: the first variable whose converter
 * refuses its value again (converters are pure), named with the converter's reason.
 */
function rejectedValue(
  route: Route,
  method: string | undefined,
  params: UrlForParams,
  error: ValidationError,
): BuildError {
  const { variables, converters } = route.compiled;
  for (let index = 0; index < variables.length; index += 1) {
    try {
      (converters[index] as (typeof converters)[number]).toUrl(params[variables[index] as string]);
    } catch (refusal) {
      if (refusal instanceof ValidationError) {
        const variable = variables[index] as string;
        return new BuildError(
          route.endpoint,
          method,
          { kind: "rejected-value", variable, detail: refusal.message },
          givenKeys(params),
        );
      }
    }
  }
  return new BuildError(
    route.endpoint,
    method,
    { kind: "rejected-value", variable: variables.join(", "), detail: error.message },
    givenKeys(params),
  );
}

/** The `BuildError` naming every rule variable `params` has no value for. */
function missingValues(route: Route, method: string | undefined, params: UrlForParams): BuildError {
  const missing = [...ruleArguments(route)].filter(
    (variable) => params[variable] === undefined || params[variable] === null,
  );
  return new BuildError(
    route.endpoint,
    method,
    { kind: "missing-values", missing: missing.sort() },
    givenKeys(params),
  );
}

/**
 * The path and query string of a route built with `params`: rule variables are written by
 * their converters, the other keys (but `_anchor`, `_external`, `_scheme`, `_method`) become
 * the query string, arrays repeating their key. It runs once per link on a page: the path
 * is written by the rule's compiled writer.
 */
export function buildPathAndQuery(
  route: Route,
  method: string | undefined,
  params: UrlForParams,
): string {
  let path: string | undefined;
  try {
    path = route.compiled.writePath(route.defaults ? withDefaults(route.defaults, params) : params);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw rejectedValue(route, method, params, error);
  }
  if (path === undefined) throw missingValues(route, method, params);
  return path + queryString(route, params, method);
}

/** The fragment of `_anchor`, encoded but for the characters a fragment may hold. */
export function anchorText(anchor: unknown): string {
  return `#${encodeURI(String(anchor)).replace(/#/g, "%23")}`;
}

/**
 * The endpoint a missing name most likely meant: the same name in another module (preferring
 * the current one), else the closest spelling, if close enough.
 */
export function suggestEndpoint(
  name: string,
  endpoints: readonly string[],
  module: string | null,
): string | undefined {
  const bare = name.slice(name.lastIndexOf(".") + 1);
  const sameName = endpoints.filter(
    (endpoint) => endpoint === bare || endpoint.endsWith(`.${bare}`),
  );
  if (sameName.length > 0)
    return sameName.find((endpoint) => endpoint === `${module}.${bare}`) ?? sameName[0];
  let best: string | undefined;
  let bestScore = 0;
  for (const endpoint of endpoints) {
    const score = 1 - distance(name, endpoint) / Math.max(name.length, endpoint.length);
    if (score > bestScore) {
      best = endpoint;
      bestScore = score;
    }
  }
  return bestScore >= 0.6 ? best : undefined;
}

/** `params` with a url's defaults where they give no value (a variable may have a default). */
function withDefaults(
  defaults: Readonly<Record<string, unknown>>,
  params: UrlForParams,
): UrlForParams {
  const values: Record<string, unknown> = { ...params };
  for (const key of Object.keys(defaults)) {
    if (values[key] === undefined || values[key] === null) values[key] = defaults[key];
  }
  return values;
}

/**
 * The route `urlFor` builds among an endpoint's several: Werkzeug's `_partial_build`, the first
 * in build order that suits the values, for `GET` first when no method is asked for. When none
 * does, the `BuildError` of the closest one: the methods it accepts, or the values it misses.
 */
function pickRoute(
  routes: readonly Route[],
  name: string,
  method: string | undefined,
  params: UrlForParams,
): { route: Route; path: string } {
  for (const tried of method === undefined ? ["GET", undefined] : [method]) {
    for (const route of routes) {
      if (!suitableFor(route, params, tried)) continue;
      try {
        return { route, path: buildPathAndQuery(route, method, params) };
      } catch (error) {
        if (!(error instanceof BuildError)) throw error;
      }
    }
  }
  const values = givenKeys(params);
  const closest = closestRoute(routes, name, values, method) as Route;
  if (method !== undefined && !acceptsMethod(closest, method)) {
    throw new BuildError(
      name,
      method,
      { kind: "method", allowed: allowedMethods(closest) },
      values,
    );
  }
  const missing = [...ruleArguments(closest)].filter((key) => !values.includes(key)).sort();
  if (missing.length > 0) {
    throw new BuildError(name, method, { kind: "missing-values", missing }, values);
  }
  // It suits the values but one is refused (a converter, or a default it does not equal).
  return { route: closest, path: buildPathAndQuery(closest, method, params) };
}

/** A route's methods as Werkzeug lists them: `HEAD` beside `GET`. */
const allowedMethods = (route: Route): string[] =>
  route.methods.includes("GET") && !route.methods.includes("HEAD")
    ? [...route.methods, "HEAD"]
    : [...route.methods];

/** Where external URLs point outside a request: the `serverName` and `preferredUrlScheme` options. */
export interface ExternalDefaults {
  readonly serverName: string | undefined;
  readonly scheme: string;
  /** The `mountPath` option ("/blog", or ""): every URL built starts with it. */
  readonly mountPath?: string;
}

/**
 * `urlFor`: the URL of an endpoint with `params`, in a context (current module, request).
 * @example buildUrl(map, ".thread", { thread_id: 3 }, { module: "forum" }, defaults); // "/forum/3/"
 */
export function buildUrl(
  map: UrlMap,
  endpoint: string,
  params: UrlForParams,
  context: UrlContext,
  defaults: ExternalDefaults,
): string {
  const { _method: methodOption, _anchor: anchor } = params;
  const method = typeof methodOption === "string" ? methodOption.toUpperCase() : undefined;
  const name = resolveEndpoint(endpoint, context.module);
  let routes = map.buildOrderOf(name);
  if (routes.length > 1 && map.domainMatching === "host") {
    routes = preferCurrentDomain(routes, context);
  }
  const only = routes.length === 1 ? (routes[0] as Route) : undefined;
  let url: string;
  let route: Route;
  if (only && !only.defaults) {
    // The common case, one url and no defaults: its own errors name the value at fault.
    if (method !== undefined && !acceptsMethod(only, method)) {
      throw new BuildError(
        name,
        method,
        { kind: "method", allowed: allowedMethods(only) },
        givenKeys(params),
      );
    }
    url = buildPathAndQuery(only, method, params);
    route = only;
  } else if (routes.length > 0) {
    ({ route, path: url } = pickRoute(routes, name, method, params));
  } else {
    const values = givenKeys(params);
    const suggestion =
      suggestEndpoint(name, map.endpoints(), context.module) ??
      closestRoute(map.routes, name, values, method)?.endpoint;
    throw new BuildError(name, method, { kind: "unknown-endpoint", suggestion }, values);
  }
  if (anchor !== undefined && anchor !== null) url += anchorText(anchor);
  return siteUrl(map, route, url, params, context, defaults, method);
}
