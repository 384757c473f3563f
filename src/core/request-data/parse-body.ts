import { tooLarge } from "./body-reader.js";
import { countFields, type FieldValues, isPrototypeKey, parseFields } from "./records.js";
import { reject } from "./rejection.js";

/** A JSON value, as `JSON.parse` gives it. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** The text of a body that must be UTF-8; bytes that are not are a 400. */
export function utf8Text(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    reject(400, "The request body is not valid UTF-8 text.");
  }
}

/**
 * A URL-encoded form body, parsed as the query string is: a repeated name is an array. More
 * fields than `fieldLimit` is a 413.
 * @example parseFormBody(Buffer.from("a=1&a=2"), 1000); // { a: ["1", "2"] }
 */
export function parseFormBody(bytes: Uint8Array, fieldLimit: number): FieldValues {
  const text = utf8Text(bytes);
  if (countFields(text) > fieldLimit) tooLarge(fieldLimit, "bodyLimits.fields (fields)");
  return parseFields(text);
}

/**
 * Checks a parsed JSON value without recursion (a deep one cannot overflow the stack): nesting
 * deeper than `maxDepth` is a 400, and so is an object key naming a prototype (`__proto__`,
 * `constructor`, `prototype`), which a careless merge or spread would follow.
 */
function checkJson(value: unknown, maxDepth: number): void {
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item !== "object" || item === null) continue;
    if (depth >= maxDepth) {
      reject(400, `The JSON body nests deeper than ${maxDepth} levels (bodyLimits.jsonDepth).`);
    }
    if (Array.isArray(item)) {
      for (const element of item) pending.push([element, depth + 1]);
      continue;
    }
    for (const key of Object.keys(item)) {
      if (isPrototypeKey(key)) {
        reject(400, `The JSON body has a key '${key}', which this server refuses.`);
      }
      pending.push([(item as Record<string, unknown>)[key], depth + 1]);
    }
  }
}

/**
 * A JSON body: malformed JSON, too deep a nesting or a prototype key is a 400.
 * @example parseJsonBody(Buffer.from('{"title": "Hi"}'), 64); // { title: "Hi" }
 */
export function parseJsonBody(bytes: Uint8Array, maxDepth: number): JsonValue {
  const text = utf8Text(bytes);
  let value: JsonValue;
  try {
    value = JSON.parse(text) as JsonValue;
  } catch {
    reject(400, "The request body is not valid JSON.");
  }
  checkJson(value, maxDepth);
  return value;
}
