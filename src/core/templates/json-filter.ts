import nunjucks from "nunjucks";
import { isPlainObject } from "./python-str.js";

/** Python's `json.dumps` escapes of a string, with `ensure_ascii` (Flask's default). */
function jsonString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (char === '"') out += '\\"';
    else if (char === "\\") out += "\\\\";
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (char === "\t") out += "\\t";
    else if (char === "\b") out += "\\b";
    else if (char === "\f") out += "\\f";
    else if (code >= 0x20 && code < 0x7f) out += char;
    else
      for (let index = 0; index < char.length; index += 1)
        out += `\\u${char.charCodeAt(index).toString(16).padStart(4, "0")}`;
  }
  return `${out}"`;
}

/** A number as Python's `json.dumps` writes it. */
function jsonNumber(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
  return String(value);
}

/**
 * `json.dumps(value, sort_keys=True, indent=indent)`: Python's separators (`", "` and `": "`
 * on one line; `","` at line ends when indented), keys sorted, non-ASCII escaped.
 * @example pythonJson({ b: 1, a: [true] }); // '{"a": [true], "b": 1}'
 */
export function pythonJson(value: unknown, indent?: number, depth = 0): string {
  const json =
    typeof value === "object" &&
    value !== null &&
    "toJSON" in value &&
    typeof value.toJSON === "function"
      ? (value.toJSON as () => unknown)()
      : value;
  if (json === null || json === undefined) return "null";
  if (json === true) return "true";
  if (json === false) return "false";
  if (typeof json === "number") return jsonNumber(json);
  if (typeof json === "string" || json instanceof nunjucks.runtime.SafeString)
    return jsonString(String(json));
  let items: string[];
  let open: string;
  let close: string;
  if (Array.isArray(json)) {
    items = json.map((item) => pythonJson(item, indent, depth + 1));
    [open, close] = ["[", "]"];
  } else if (isPlainObject(json) || typeof json === "object") {
    const entries = Object.entries(json as object)
      .filter(([, item]) => item !== undefined && typeof item !== "function")
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    items = entries.map(
      ([key, item]) => `${jsonString(key)}: ${pythonJson(item, indent, depth + 1)}`,
    );
    [open, close] = ["{", "}"];
  } else {
    throw new TypeError(`Object of type ${typeof json} is not JSON serializable (tojson).`);
  }
  if (items.length === 0) return open + close;
  if (indent === undefined) return open + items.join(", ") + close;
  const inner = `\n${" ".repeat(indent * (depth + 1))}`;
  return `${open}${inner}${items.join(`,${inner}`)}\n${" ".repeat(indent * depth)}${close}`;
}

/** Flask's `htmlsafe_json_dumps` escapes: the JSON stays valid, and cannot close a tag or an attribute. */
const HTML_SAFE: Readonly<Record<string, string>> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "'": "\\u0027",
};

/**
 * Flask's `tojson` filter: JSON (keys sorted, non-ASCII escaped) with `<`, `>`, `&` and `'`
 * escaped as `\u003c` and so on, marked safe, so it can go in a `<script>` or a quoted attribute.
 * @example tojson({ a: "</script>" }); // {"a": "\u003c/script\u003e"} (a SafeString)
 */
export function tojson(value: unknown, indent?: number): nunjucks.runtime.SafeString {
  const json = pythonJson(value, indent ?? undefined).replace(
    /[<>&']/g,
    (char) => HTML_SAFE[char] as string,
  );
  return new nunjucks.runtime.SafeString(json);
}
