import { InvalidURLFunction, InvalidURLName, UnspecifiedURLMethods } from "../errors.js";
import type { AnyView, HostName, ViewTypes } from "../http/view.js";
import type { RequestDataOf } from "../request-data/types.js";
import {
  type RequestSchemas,
  type RouteRequestData,
  readSchemas,
} from "../request-data/validation.js";
import { parseRule, type RuleToken } from "../routing/parse-rule.js";
import type { RedirectTarget } from "../routing/route.js";
import { type RuleOptions, readRuleOptions } from "../routing/rule-options.js";
import type { RuleParams } from "../routing/rule-params.js";

const URL_PATTERN = Symbol.for("microservices-app.URLPattern");

/** A route declared in `urlpatterns`: what `url(...)` returns (frozen). */
export interface URLPattern<Rule extends string = string> extends RuleOptions {
  readonly rule: Rule;
  /** The view; `undefined` for a `redirectTo` or `buildOnly` url, which calls none. */
  readonly view: AnyView | undefined;
  /** The name given, or `undefined` (the endpoint then takes the view function's name). */
  readonly name: string | undefined;
  /** Upper-case HTTP methods; `["GET"]` by default. */
  readonly methods: readonly string[];
  /** The rule's syntax, parsed (on each read: it is read once, when the url is registered). */
  readonly tokens: readonly RuleToken[];
  /** Its request data schemas and CSRF exemption. */
  readonly requestData: RouteRequestData;
}

/** The options form of `url(rule, view, { name, methods, defaults, query, form, json, csrf, ... })`. */
export interface URLOptions extends RuleOptions, RequestSchemas {
  name?: string;
  methods?: readonly string[];
  /** `false` exempts the url from CSRF checks (an API that authenticates by token). */
  csrf?: boolean;
}

/**
 * The options of a url that calls no view: a `redirectTo` url (an old URL sending to a new
 * one) or a `buildOnly` url (a link to a place the app does not serve). Both need a name.
 */
export type ViewlessURLOptions = URLOptions & { name: string } & (
    | { redirectTo: RedirectTarget; buildOnly?: false }
    | { buildOnly: true; redirectTo?: undefined }
  );

/**
 * `url()`, typed for one host's views: an inline view gets the host's request type, with its
 * params read from the rule string.
 */
export interface UrlFunction<Host extends HostName> {
  <const Rule extends string>(
    rule: Rule,
    view: ViewTypes<RuleParams<Rule>>[Host],
    name?: string,
    methods?: readonly string[],
  ): URLPattern<Rule>;
  <const Rule extends string, const Options extends URLOptions>(
    rule: Rule,
    view: ViewTypes<RuleParams<Rule>, RequestDataOf<Options>>[Host],
    options: Options,
  ): URLPattern<Rule>;
  <const Rule extends string>(rule: Rule, options: ViewlessURLOptions): URLPattern<Rule>;
}

const DEFAULT_METHODS: readonly string[] = Object.freeze(["GET"]);
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function readMethods(rule: string, methods: unknown): readonly string[] {
  if (methods === undefined || methods === null) return DEFAULT_METHODS;
  if (!Array.isArray(methods))
    throw new UnspecifiedURLMethods(rule, methods, "methods must be an array.");
  if (methods.some((method) => typeof method !== "string")) {
    throw new UnspecifiedURLMethods(rule, methods, "every method must be a string.");
  }
  const named = (methods as string[]).map((method) => method.trim().toUpperCase()).filter(Boolean);
  if (named.length === 0) {
    throw new UnspecifiedURLMethods(
      rule,
      methods,
      methods.length ? "every method is blank." : "the array is empty.",
    );
  }
  const invalid = named.find((method) => !TOKEN.test(method));
  if (invalid !== undefined) {
    throw new UnspecifiedURLMethods(rule, methods, `'${invalid}' is not an HTTP method name.`);
  }
  return Object.freeze([...new Set(named)]);
}

function readName(rule: string, name: unknown): string | undefined {
  if (name === undefined || name === null) return undefined;
  if (typeof name !== "string" || name.length === 0) {
    throw new InvalidURLName(rule, name, 'a name must be a non-empty string, e.g. "home".');
  }
  if (name.includes(".")) {
    throw new InvalidURLName(
      rule,
      name,
      `'${name}' contains a dot; dots separate the module from the name in endpoints ('admin.home'), so a name may not contain one.`,
    );
  }
  return name;
}

/**
 * What every url pattern inherits: the mark `isURLPattern` looks for, and its tokens, parsed
 * when asked (once, at registration). Kept on each url, the tokens of an app's 10,000 urls
 * took some 3 MB.
 */
const PATTERN_PROTOTYPE: object = Object.freeze(
  Object.defineProperties(
    {},
    {
      [URL_PATTERN]: { value: true },
      tokens: {
        get(this: URLPattern): readonly RuleToken[] {
          return parseRule(this.rule);
        },
      },
    },
  ),
);

/**
 * A frozen url pattern of these fields. Made by a constructor, not `Object.create`: V8 then
 * keeps its fields inside the object rather than in a second array of properties.
 */
const patternOf = (fields: Omit<URLPattern, "tokens">): URLPattern =>
  Object.freeze(new (PatternObject as unknown as new (fields: object) => URLPattern)(fields));

function PatternObject(this: object, fields: object) {
  Object.assign(this, fields);
}
PatternObject.prototype = PATTERN_PROTOTYPE;

/** `url()` without its types: each host exports it typed for its own views. */
export function createURLPattern(
  rule: unknown,
  view: unknown,
  nameOrOptions?: unknown,
  methods?: unknown,
): URLPattern {
  // Parsed here so that a bad rule fails where it is written; parsed again when registered.
  parseRule(rule);
  const text = rule as string;
  const isOptions = (value: unknown): value is Record<string, unknown> =>
    typeof value === "object" && value !== null && !Array.isArray(value);
  // url(rule, { name, redirectTo }) or url(rule, { name, buildOnly: true }): no view to call.
  const viewless = isOptions(view) && (view.redirectTo !== undefined || view.buildOnly === true);
  if (typeof view !== "function" && !viewless) throw new InvalidURLFunction(text, view);
  const options = viewless
    ? view
    : isOptions(nameOrOptions)
      ? nameOrOptions
      : { name: nameOrOptions, methods };
  const name = readName(text, options.name);
  if (viewless && name === undefined) {
    throw new InvalidURLName(
      text,
      undefined,
      `a url without a view (redirectTo or buildOnly) needs a name: url(${JSON.stringify(text)}, { name: "old_page", redirectTo: "/new/" }).`,
    );
  }
  return patternOf({
    rule: text,
    view: viewless ? undefined : (view as AnyView),
    name,
    methods: readMethods(text, options.methods),
    ...readRuleOptions(text, options),
    requestData: {
      schemas: readSchemas(text, options),
      csrf: options.csrf === undefined ? undefined : options.csrf !== false,
    },
  });
}

/**
 * Declares a route (Django's `url()`): a rule, its view, and an optional name and methods,
 * or options (`defaults`, `strictSlashes`, `redirectTo`, `buildOnly`).
 * @example url("/admin/roles/<int:role_id>/edit/", views.editRole, { name: "role_edit", methods: ["GET", "POST"] })
 */
export const url = createURLPattern as UrlFunction<"portable">;

/**
 * The same url under another rule (an `include()` prefix in front of it): its view, name,
 * methods, schemas and every rule option (`defaults`, `redirectTo`, `subdomain`...) kept.
 * @example movedPattern(url("/b/", view, "b"), "/api/b/").rule; // "/api/b/"
 */
export function movedPattern(pattern: URLPattern, rule: string): URLPattern {
  parseRule(rule);
  return patternOf({ ...pattern, rule });
}

/** Whether a value was made by `url(...)` (of any copy of this library). */
export function isURLPattern(value: unknown): value is URLPattern {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<symbol, unknown>)[URL_PATTERN] === true
  );
}
