import { InvalidURLName, InvalidURLRule } from "../errors.js";
import { movedPattern, type URLPattern } from "./url.js";

const URL_INCLUDE = Symbol.for("microservices-app.URLInclude");

/** A list of urls mounted under a prefix, with an optional namespace: what `include()` returns. */
export interface URLInclude {
  readonly prefix: string;
  readonly namespace: string | undefined;
  readonly urlpatterns: readonly URLEntry[];
}

/** An entry of `urlpatterns`: a `url(...)`, or an `include(...)` of more of them. */
export type URLEntry = URLPattern | URLInclude;

/** The options of `include()`. */
export interface IncludeOptions {
  /** Prepended to the endpoint names of the included urls: "api" makes "forum.api.thread". */
  namespace?: string;
}

const NAMESPACE = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/**
 * Mounts a list of urls under a prefix (Django's `include()`), inside a `urlpatterns` list:
 * every rule gets the prefix, and a namespace extends their endpoint names.
 * @example url("/", views.board, "board"), include("/api", apiUrls, { namespace: "api" }) // "forum.api.thread"
 */
export function include(
  prefix: string,
  urlpatterns: readonly URLEntry[],
  options: IncludeOptions = {},
): URLInclude {
  if (typeof prefix !== "string" || (prefix !== "" && !prefix.startsWith("/"))) {
    throw new InvalidURLRule(
      prefix,
      'the prefix of include() must start with "/" (or be "" to add only a namespace), e.g. include("/api", urlpatterns).',
    );
  }
  const { namespace } = options;
  if (namespace !== undefined && (typeof namespace !== "string" || !NAMESPACE.test(namespace))) {
    throw new InvalidURLName(
      prefix,
      namespace,
      `the namespace of include(${JSON.stringify(prefix)}, ...) must be letters, digits, '_' and '-' (dots between names), e.g. { namespace: "api" }.`,
    );
  }
  const entry: URLInclude = {
    prefix: prefix.replace(/\/+$/, ""),
    namespace,
    urlpatterns: Array.isArray(urlpatterns) ? Object.freeze([...urlpatterns]) : urlpatterns,
  };
  Object.defineProperty(entry, URL_INCLUDE, { value: true });
  return Object.freeze(entry);
}

/** Whether a value was made by `include(...)` (of any copy of this library). */
export function isURLInclude(value: unknown): value is URLInclude {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<symbol, unknown>)[URL_INCLUDE] === true
  );
}

/**
 * A pattern of an include, as it registers: its rule under the include's prefix, its name
 * under the namespace (`name` is the name it had inside the include).
 */
export function mountPattern(
  include: URLInclude,
  name: string,
  pattern: URLPattern,
): { name: string; pattern: URLPattern } {
  // Every option of the url goes along: its defaults, redirectTo, subdomain, schemas...
  const mounted =
    include.prefix === "" ? pattern : movedPattern(pattern, `${include.prefix}${pattern.rule}`);
  return { name: include.namespace ? `${include.namespace}.${name}` : name, pattern: mounted };
}
