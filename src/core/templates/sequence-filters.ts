import nunjucks from "nunjucks";
import { pythonTruthy } from "./jinja-compat.js";
import { isKeywords } from "./keyword-args.js";
import { internals } from "./nunjucks-internals.js";
import { isPlainObject, pythonStr } from "./python-str.js";

/** What Nunjucks binds `this` to in a filter: the render's context, with its environment. */
export interface FilterContext {
  readonly env: nunjucks.Environment;
}

type Test = (this: FilterContext, value: unknown, ...args: unknown[]) => unknown;

/** The items of a value a filter iterates: a list, a string's characters, a dict's keys. @example itemsOf("ab"); // ["a", "b"] */
export function itemsOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  if (typeof value === "string") return [...value];
  if (value instanceof Map) return [...value.keys()];
  if (typeof value === "object" && Symbol.iterator in value)
    return [...(value as Iterable<unknown>)];
  if (typeof value === "object") return Object.keys(value);
  throw new TypeError(
    `A ${typeof value} is not iterable: this filter takes a list, a string or a dict.`,
  );
}

/** Jinja2's attribute getter: `"address.city"` or `"0"` (an index) walk into each item. @example attributeOf({ a: { b: 1 } }, "a.b"); // 1 */
export function attributeOf(
  item: unknown,
  attribute: string | number,
  fallback?: unknown,
): unknown {
  let value: unknown = item;
  for (const part of String(attribute).split(".")) {
    if (value === undefined || value === null) break;
    const key = /^\d+$/.test(part) && Array.isArray(value) ? Number(part) : part;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value === undefined ? fallback : value;
}

/** Strings compared without case unless `caseSensitive`, as Jinja2's sorting filters do. */
const sortKey = (value: unknown, caseSensitive: boolean): unknown =>
  typeof value === "string" && !caseSensitive ? value.toLowerCase() : value;

const compare = (a: unknown, b: unknown): number =>
  (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;

/** Runs a test by name (`"odd"`, `"gt"`), or Python's truthiness without one. */
function passes(
  context: FilterContext,
  value: unknown,
  testName: unknown,
  args: unknown[],
): boolean {
  if (testName === undefined) return pythonTruthy(value);
  const env = context.env as unknown as { getTest(name: string): Test };
  const test = env.getTest(String(testName));
  return test.call(context, value, ...args) === true;
}

function selecting(keep: boolean) {
  return function select(
    this: FilterContext,
    value: unknown,
    testName?: unknown,
    ...args: unknown[]
  ) {
    return itemsOf(value).filter((item) => passes(this, item, testName, args) === keep);
  };
}

function selectingAttribute(keep: boolean) {
  return function selectattr(
    this: FilterContext,
    value: unknown,
    attribute: string,
    testName?: unknown,
    ...args: unknown[]
  ) {
    return itemsOf(value).filter(
      (item) => passes(this, attributeOf(item, attribute), testName, args) === keep,
    );
  };
}

/**
 * Jinja2's `map`: an attribute of each item (`map(attribute="name", default="?")`) or a
 * filter applied to each (`map("upper")`, `map("default", "x")`).
 * @example users|map(attribute="name")|join(", ")
 */
function map(this: FilterContext, value: unknown, ...args: unknown[]): unknown[] {
  const last = args.at(-1);
  if (args.length === 1 && isKeywords(last) && "attribute" in last) {
    const { attribute, default: fallback } = last as { attribute: string; default?: unknown };
    return itemsOf(value).map((item) => attributeOf(item, attribute, fallback));
  }
  const [name, ...rest] = args;
  if (typeof name !== "string")
    throw new TypeError(
      'map takes a filter name (map("upper")) or an attribute (map(attribute="name")).',
    );
  const filter = this.env.getFilter(name) as unknown as (...items: unknown[]) => unknown;
  return itemsOf(value).map((item) => filter.call(this, item, ...rest));
}

/** A grouper with its items; it unpacks as a pair too (`for city, people in ...`). */
type Group = [unknown, unknown[]] & { grouper: unknown; list: unknown[] };

/** Jinja2's `groupby`: sorted by the attribute, then grouped; each group has `grouper` and `list`. */
function groupby(
  value: unknown,
  attribute: string,
  fallback?: unknown,
  caseSensitive = false,
): Group[] {
  const keyOf = (item: unknown) => sortKey(attributeOf(item, attribute, fallback), caseSensitive);
  const sorted = [...itemsOf(value)].sort((a, b) => compare(keyOf(a), keyOf(b)));
  const groups: Group[] = [];
  for (const item of sorted) {
    const previous = groups.at(-1);
    if (previous && compare(keyOf(previous.list[0]), keyOf(item)) === 0) previous.list.push(item);
    else {
      const list = [item];
      const grouper = attributeOf(item, attribute, fallback);
      groups.push(Object.assign([grouper, list] as [unknown, unknown[]], { grouper, list }));
    }
  }
  return groups;
}

function unique(value: unknown, caseSensitive = false, attribute?: string): unknown[] {
  const seen = new Set<unknown>();
  return itemsOf(value).filter((item) => {
    const key = sortKey(
      attribute === undefined ? item : attributeOf(item, attribute),
      caseSensitive,
    );
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function extreme(sign: 1 | -1) {
  return (value: unknown, caseSensitive = false, attribute?: string): unknown => {
    const keyOf = (item: unknown) =>
      sortKey(attribute === undefined ? item : attributeOf(item, attribute), caseSensitive);
    return itemsOf(value).reduce<unknown>(
      (best, item) =>
        best === undefined || sign * compare(keyOf(item), keyOf(best)) < 0 ? item : best,
      undefined,
    );
  };
}

/**
 * Jinja2's `join`: items printed as Python prints them; when an item is markup, the others
 * and the separator are escaped and the result is markup, so nothing is escaped twice.
 */
function join(
  this: FilterContext,
  value: unknown,
  separator: unknown = "",
  attribute?: string,
): unknown {
  const items = itemsOf(value).map((item) =>
    attribute === undefined ? item : attributeOf(item, attribute),
  );
  const SafeString = nunjucks.runtime.SafeString;
  const autoescape = (this.env as unknown as { opts: { autoescape: boolean } }).opts.autoescape;
  const markup = autoescape && items.some((item) => item instanceof SafeString);
  const text = (item: unknown) => (typeof item === "string" ? item : pythonStr(item));
  if (!markup) return items.map(text).join(text(separator));
  const escaped = (item: unknown) =>
    item instanceof SafeString ? String(item) : internals.lib.escape(text(item));
  return new SafeString(items.map(escaped).join(escaped(separator)));
}

/** Jinja2's `items`: a dict's (key, value) pairs; nothing for an undefined value. */
function items(value: unknown): unknown[][] {
  if (value === undefined) return [];
  if (value instanceof Map) return [...value.entries()];
  if (
    !isPlainObject(value) &&
    (typeof value !== "object" || value === null || Array.isArray(value))
  )
    throw new TypeError("The items filter takes a dict (a mapping), not a list or a value.");
  return Object.entries(value);
}

/** Jinja2's `list`: a string's characters, a dict's keys, a copy of a list. */
const list = (value: unknown): unknown[] => [...itemsOf(value)];

/** Jinja2's list filters, each with its Python signature after the value (for keyword arguments). @example SEQUENCE_FILTERS.unique.filter([1, 1, 2]); // [1, 2] */
export const SEQUENCE_FILTERS = {
  select: { filter: selecting(true), parameters: [] },
  reject: { filter: selecting(false), parameters: [] },
  selectattr: { filter: selectingAttribute(true), parameters: [] },
  rejectattr: { filter: selectingAttribute(false), parameters: [] },
  map: { filter: map, parameters: undefined },
  groupby: { filter: groupby, parameters: ["attribute", "default", "case_sensitive"] },
  unique: { filter: unique, parameters: ["case_sensitive", "attribute"] },
  min: { filter: extreme(1), parameters: ["case_sensitive", "attribute"] },
  max: { filter: extreme(-1), parameters: ["case_sensitive", "attribute"] },
  join: { filter: join, parameters: ["d", "attribute"] },
  items: { filter: items, parameters: [] },
  list: { filter: list, parameters: [] },
} as const;
