import type { Route } from "./route.js";

/**
 * The rule a request matched, Flask's `request.url_rule`: on every routed request as
 * `req.urlRule`, and in templates as `request.urlRule`.
 * @example export const show = (req: ViewRequest) => req.urlRule?.endpoint; // "forum.thread"
 */
export interface UrlRule {
  /** `<module>.<name>`, or the bare name of an app-level url. */
  readonly endpoint: string;
  /** The rule as written, with its module's `urlPrefix`. */
  readonly rule: string;
  readonly methods: readonly string[];
  /** The module of the url, `null` for an app-level one. */
  readonly module: string | null;
  /** The url's `defaults`, if it has any. */
  readonly defaults: Readonly<Record<string, unknown>> | undefined;
}

/** One frozen `UrlRule` per route, made on its first request: none is made per request. */
const URL_RULES = new WeakMap<Route, UrlRule>();

/**
 * The `UrlRule` of a route.
 * @example req.urlRule = urlRuleOf(resolution.route);
 */
export function urlRuleOf(route: Route): UrlRule {
  let urlRule = URL_RULES.get(route);
  if (urlRule === undefined) {
    urlRule = Object.freeze({
      endpoint: route.endpoint,
      rule: route.rule,
      methods: route.methods,
      module: route.module,
      defaults: route.defaults,
    });
    URL_RULES.set(route, urlRule);
  }
  return urlRule;
}
