// routing/: rules and their converters, the matcher, the URL map, resolving a request line
// (Werkzeug's routing: rules.py, converters.py, matcher.py, map.py) and building URLs back.

export { BUILTIN_CONVERTERS } from "./builtin-converters.js";
export {
  type Converter,
  type ConverterArgument,
  type ConverterArguments,
  type ConverterDefinition,
  type ConverterFactory,
  type ConverterSpec,
  type ConverterTypes,
  ValidationError,
} from "./converters.js";
export { type DomainMatching, normalizeHost } from "./domain.js";
export type { Endpoint, UrlEndpoints, UrlForArgs, UrlForOptions } from "./endpoint-types.js";
export { isTrustedHost } from "./host-check.js";
export { readMountPath } from "./mount.js";
export {
  type RequestSite,
  type Resolution,
  type ResolveOptions,
  resolveRequest,
} from "./resolve.js";
export { buildUrl, type ExternalDefaults, resolveEndpoint, type UrlContext } from "./reverse.js";
export type { LinkRoute, RedirectTarget, Route, StaticRoute, ViewRoute } from "./route.js";
export type { RuleOptions } from "./rule-options.js";
export type { RuleParams } from "./rule-params.js";
export type { UrlMap } from "./url-map.js";
export { type UrlRule, urlRuleOf } from "./url-rule.js";
