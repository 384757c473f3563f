import nunjucks from "nunjucks";

/** A plain object (a Python dict to a template), not an array, a class instance or a SafeString. @example isPlainObject({}); // true */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A number as Python prints it: `inf`, `nan`, else JavaScript's digits (whole floats lose `.0`). */
function numberText(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (value === Number.POSITIVE_INFINITY) return "inf";
  if (value === Number.NEGATIVE_INFINITY) return "-inf";
  return String(value);
}

/** A string as Python's `repr` quotes it: single quotes unless it holds one and no double. */
function stringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const escaped = text
    .replace(/\\/g, "\\\\")
    .replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r")
    .replace(/\t/g, "\\t");
  return quote + (quote === "'" ? escaped.replace(/'/g, "\\'") : escaped) + quote;
}

/**
 * Python's `repr` of a template value: what Jinja2 shows for the items of a list or dict.
 * @example pythonRepr(["a", 1, null]); // "['a', 1, None]"
 */
export function pythonRepr(value: unknown): string {
  if (typeof value === "string") return stringRepr(value);
  if (value instanceof nunjucks.runtime.SafeString) return `Markup(${stringRepr(String(value))})`;
  return pythonStr(value);
}

/**
 * Python's `str` of a template value, as Jinja2 prints it: `True`, `False`, `None`, lists as
 * `[1, 2]` and dicts as `{'a': 1}`; strings and other values print as they are. Undefined
 * stays undefined (it prints as nothing in both).
 * @example pythonStr(true); // "True"
 */
export function pythonStr(value: unknown): string {
  if (value === true) return "True";
  if (value === false) return "False";
  if (value === null) return "None";
  if (value === undefined) return "";
  if (typeof value === "number") return numberText(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(", ")}]`;
  if (isPlainObject(value)) {
    const items = Object.entries(value).map(
      ([key, item]) => `${stringRepr(key)}: ${pythonRepr(item)}`,
    );
    return `{${items.join(", ")}}`;
  }
  return String(value);
}
