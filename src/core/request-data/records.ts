import { parse as parseQueryString } from "node:querystring";

/**
 * Fields of a query string or a form: one string per name, an array when the name repeats.
 * The object has no prototype, so a field named `__proto__` or `constructor` is plain data.
 */
export type FieldValues = { readonly [name: string]: string | string[] | undefined };

/** Names a client may send that would, as object keys, reach a prototype in a careless copy. */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** Whether a key names a prototype (`__proto__`, `constructor`, `prototype`). */
export const isPrototypeKey = (key: string): boolean => PROTOTYPE_KEYS.has(key);

/**
 * A record without a prototype: what every parsed query, form and cookie set is, so that no
 * key a client sends can reach `Object.prototype`.
 * @example const fields = emptyRecord<string>(); fields.__proto__ = "plain"; // an own value
 */
export const emptyRecord = <Value>(): Record<string, Value> =>
  Object.create(null) as Record<string, Value>;

/** Adds a value under a name; a repeated name becomes an array, as in a parsed query string. */
export function addField(fields: Record<string, string | string[]>, name: string, value: string) {
  const earlier = fields[name];
  if (earlier === undefined) fields[name] = value;
  else if (Array.isArray(earlier)) earlier.push(value);
  else fields[name] = [earlier, value];
}

/**
 * Parses `a=1&b=2&b=3` (a query string, or a URL-encoded form) the way Express 5's "simple"
 * parser does: `+` is a space, a malformed escape is kept as it is, a repeated name is an
 * array; past `maxKeys` fields (0: no limit) the rest is dropped, as Node's parser does.
 * @example parseFields("tag=a&tag=b"); // { tag: ["a", "b"] }
 */
export function parseFields(text: string, maxKeys = 0): FieldValues {
  // node:querystring returns an object without a prototype.
  return parseQueryString(text, "&", "=", { maxKeys }) as FieldValues;
}

/** The number of `name=value` pairs in a query string or form, counted without parsing it. */
export function countFields(text: string): number {
  if (text.length === 0) return 0;
  let count = 1;
  for (let index = text.indexOf("&"); index !== -1; index = text.indexOf("&", index + 1)) count++;
  return count;
}
