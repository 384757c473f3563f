import { InvalidURLFunction, InvalidURLName, UnspecifiedURLMethods } from "./errors.js";
import { parseRule, type RuleToken } from "./parse-rule.js";
import type { RequestDataOf } from "./request-data/types.js";
import {
  type RequestSchemas,
  type RouteRequestData,
  readSchemas,
} from "./request-data/validation.js";
import type { RuleParams } from "./rule-params.js";
import type { AnyView, HostName, ViewTypes } from "./view.js";

const URL_PATTERN = Symbol.for("microservices-app.URLPattern");

/** A route declared in `urlpatterns`: what `url(...)` returns (frozen). */
export interface URLPattern<Rule extends string = string> {
  readonly rule: Rule;
  readonly view: AnyView;
  /** The name given, or `undefined` (the endpoint then takes the view function's name). */
  readonly name: string | undefined;
  /** Upper-case HTTP methods; `["GET"]` by default. */
  readonly methods: readonly string[];
  /** The rule's syntax, parsed once. */
  readonly tokens: readonly RuleToken[];
  /** Its request data schemas and CSRF exemption. */
  readonly requestData: RouteRequestData;
}

/** The options form of `url(rule, view, { name, methods, query, form, json, csrf })`. */
export interface URLOptions extends RequestSchemas {
  name?: string;
  methods?: readonly string[];
  /** `false` exempts the url from CSRF checks (an API that authenticates by token). */
  csrf?: boolean;
}

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

/** `url()` without its types: each host exports it typed for its own views. */
export function createURLPattern(
  rule: unknown,
  view: unknown,
  nameOrOptions?: unknown,
  methods?: unknown,
): URLPattern {
  const tokens = parseRule(rule);
  const text = rule as string;
  if (typeof view !== "function") throw new InvalidURLFunction(text, view);
  const options =
    typeof nameOrOptions === "object" && nameOrOptions !== null && !Array.isArray(nameOrOptions)
      ? (nameOrOptions as Record<string, unknown>)
      : { name: nameOrOptions, methods };
  const pattern: URLPattern = {
    rule: text,
    view: view as AnyView,
    name: readName(text, options.name),
    methods: readMethods(text, options.methods),
    tokens,
    requestData: {
      schemas: readSchemas(text, options),
      csrf: options.csrf === undefined ? undefined : options.csrf !== false,
    },
  };
  Object.defineProperty(pattern, URL_PATTERN, { value: true });
  return Object.freeze(pattern);
}

/**
 * Declares a route (Django's `url()`): a rule, its view, and an optional name and methods.
 * @example url("/admin/roles/<int:role_id>/edit/", views.editRole, { name: "role_edit", methods: ["GET", "POST"] })
 */
export const url = createURLPattern as UrlFunction<"portable">;

/** Whether a value was made by `url(...)` (of any copy of this library). */
export function isURLPattern(value: unknown): value is URLPattern {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<symbol, unknown>)[URL_PATTERN] === true
  );
}
