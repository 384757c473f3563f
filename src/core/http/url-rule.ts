import type { Route } from "../routing/route.js";

/**
 * The rule a request matched, as views, hooks and host middleware read it on `req.urlRule`
 * (Flask's `request.url_rule`): `null` when no rule matched.
 * @example if (req.urlRule?.endpoint === "admin.login") return undefined;
 */
export interface UrlRule {
  /** `<module>.<name>`, or the bare name of an app-level url. */
  readonly endpoint: string;
  /** The rule as registered, prefixes included: "/admin/roles/<int:role_id>/". */
  readonly rule: string;
  readonly methods: readonly string[];
  /** The module that owns the rule, or `null` for the app. */
  readonly module: string | null;
  /** Values the rule gives its view without reading them from the URL (none yet: `{}`). */
  readonly defaults: Readonly<Record<string, unknown>>;
}

const NO_DEFAULTS: Readonly<Record<string, unknown>> = Object.freeze({});

/** One `UrlRule` per route, made on first use: requests share it rather than building one each. */
const urlRules = new WeakMap<Route, UrlRule>();

/** The `req.urlRule` of a route. */
export function urlRuleOf(route: Route): UrlRule {
  let urlRule = urlRules.get(route);
  if (!urlRule) {
    const { endpoint, rule, methods, module } = route;
    urlRule = Object.freeze({ endpoint, rule, methods, module, defaults: NO_DEFAULTS });
    urlRules.set(route, urlRule);
  }
  return urlRule;
}
