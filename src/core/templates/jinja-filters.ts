import nunjucks from "nunjucks";
import { pythonTruthy } from "./jinja-compat.js";
import { tojson } from "./json-filter.js";
import { withKeywords } from "./keyword-args.js";
import { isPlainObject, pythonStr } from "./python-str.js";
import { type FilterContext, SEQUENCE_FILTERS } from "./sequence-filters.js";
import {
  filesizeformat,
  format,
  int,
  replace,
  striptags,
  truncate,
  urlencode,
  wordcount,
} from "./text-filters.js";

type Filter = (this: FilterContext, value: unknown, ...args: unknown[]) => unknown;

/** Nunjucks' builtin filters whose Jinja2 signatures match theirs but for keyword arguments. */
const BUILTIN_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  sort: ["reverse", "case_sensitive", "attribute"],
  sum: ["attribute", "start"],
  batch: ["linecount", "fill_with"],
  indent: ["width", "first", "blank"],
  round: ["precision", "method"],
  float: ["default"],
  center: ["width"],
  trim: ["chars"],
  dictsort: ["case_sensitive", "by"],
  urlize: ["trim_url_limit", "nofollow", "target", "rel"],
  wordwrap: ["width", "break_long_words", "wrapstring", "break_on_hyphens"],
};

/** Jinja2's `default`: only an undefined value (or a false one, with `boolean`) is replaced. */
function defaultFilter(value: unknown, fallback: unknown = "", boolean: unknown = false): unknown {
  return value === undefined || (boolean && !pythonTruthy(value)) ? fallback : value;
}

/** Filters Jinja2 has that Nunjucks lacks, or has with other semantics. */
const JINJA_FILTERS: Readonly<Record<string, { filter: Filter; parameters?: readonly string[] }>> =
  {
    ...(SEQUENCE_FILTERS as unknown as Record<
      string,
      { filter: Filter; parameters?: readonly string[] }
    >),
    tojson: { filter: tojson as Filter, parameters: ["indent"] },
    int: { filter: int as Filter, parameters: ["default", "base"] },
    replace: { filter: replace as unknown as Filter, parameters: ["old", "new", "count"] },
    format: { filter: format },
    truncate: { filter: truncate as Filter, parameters: ["length", "killwords", "end", "leeway"] },
    wordcount: { filter: wordcount, parameters: [] },
    striptags: { filter: striptags, parameters: [] },
    urlencode: { filter: urlencode, parameters: [] },
    filesizeformat: { filter: filesizeformat as Filter, parameters: ["binary"] },
    default: { filter: defaultFilter, parameters: ["default_value", "boolean"] },
    d: { filter: defaultFilter, parameters: ["default_value", "boolean"] },
    string: {
      filter: (value) => (value instanceof nunjucks.runtime.SafeString ? value : pythonStr(value)),
      parameters: [],
    },
  };

/** Jinja2's tests that Nunjucks lacks (`none`, `boolean`, `sequence`...). */
const JINJA_TESTS: Readonly<Record<string, (value: unknown, ...args: unknown[]) => boolean>> = {
  none: (value) => value === null,
  boolean: (value) => typeof value === "boolean",
  true: (value) => value === true,
  false: (value) => value === false,
  integer: (value) => typeof value === "number" && Number.isInteger(value),
  float: (value) => typeof value === "number" && !Number.isInteger(value),
  number: (value) => typeof value === "number" || typeof value === "boolean",
  sequence: (value) => typeof value === "string" || Array.isArray(value) || isPlainObject(value),
  in: (value, container) =>
    typeof container === "string"
      ? container.includes(String(value))
      : Array.isArray(container)
        ? container.includes(value)
        : typeof container === "object" && container !== null && String(value) in container,
};

/**
 * Adds Jinja2's filters and tests to an environment: the ones Nunjucks lacks (`tojson` as
 * Flask's, `format`, `map`, `items`...), Jinja2's semantics where Nunjucks differs
 * (`truncate`, `selectattr` with tests, `join` of markup), and keyword arguments
 * (`join(attribute="name")`) for Nunjucks' own.
 * @example addJinjaFilters(environment); // {{ data|tojson }} works
 */
export function addJinjaFilters(environment: nunjucks.Environment): void {
  const filters = (environment as unknown as { filters: Record<string, Filter> }).filters;
  for (const [name, parameters] of Object.entries(BUILTIN_KEYWORDS)) {
    const builtin = filters[name];
    if (builtin) environment.addFilter(name, withKeywords(builtin, parameters));
  }
  for (const [name, { filter, parameters }] of Object.entries(JINJA_FILTERS))
    environment.addFilter(name, parameters ? withKeywords(filter, parameters) : filter);
  environment.addFilter("count", filters.length as Filter);
  const withTests = environment as unknown as { addTest(name: string, test: unknown): void };
  for (const [name, test] of Object.entries(JINJA_TESTS)) withTests.addTest(name, test);
}
