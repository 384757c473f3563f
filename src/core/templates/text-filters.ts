import { decodeHTML } from "entities";
import nunjucks from "nunjucks";
import { isKeywords } from "./keyword-args.js";
import { internals } from "./nunjucks-internals.js";
import { fixedDigits, percentFormat } from "./python-format.js";
import { pythonStr } from "./python-str.js";

const text = (value: unknown): string => (typeof value === "string" ? value : pythonStr(value));

/**
 * Jinja2's `truncate`: a string longer than `length + leeway` is cut to `length` characters
 * with `end` counted in, at a word break unless `killwords`.
 * @example truncate("foo bar baz qux", 9); // "foo..."
 */
export function truncate(
  value: unknown,
  length = 255,
  killwords = false,
  end = "...",
  leeway = 5,
): string {
  const source = text(value);
  if (length < end.length)
    throw new RangeError(`truncate: expected a length >= ${end.length}, got ${length}.`);
  if (leeway < 0) throw new RangeError(`truncate: expected a leeway >= 0, got ${leeway}.`);
  if (source.length <= length + leeway) return source;
  const kept = source.slice(0, length - end.length);
  if (killwords) return kept + end;
  const space = kept.lastIndexOf(" ");
  return (space === -1 ? kept : kept.slice(0, space)) + end;
}

/** Jinja2's `wordcount`: runs of word characters (letters, digits, `_`, in any script). @example wordcount("it's"); // 2 */
export const wordcount = (value: unknown): number =>
  text(value).match(/[\p{L}\p{N}_]+/gu)?.length ?? 0;

/**
 * Jinja2's `striptags`: comments and tags removed, whitespace runs made one space, entities
 * decoded (the result is plain text, escaped again on output).
 * @example striptags("<b>a</b>  &amp; b"); // "a & b"
 */
export function striptags(value: unknown): string {
  const stripped = text(value)
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<[\s\S]*?>/g, "");
  return decodeHTML(stripped.split(/\s+/).filter(Boolean).join(" "));
}

/** Python's `urllib.parse.quote`: only letters, digits and `_.-~` stay (and `/`, unless in a query). */
function quote(value: unknown, forQuery: boolean): string {
  const escaped = encodeURIComponent(text(value)).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return forQuery ? escaped.replace(/%20/g, "+") : escaped.replace(/%2F/g, "/");
}

/**
 * Jinja2's `urlencode`: a string is quoted for a path (`/` kept); a dict, or a list of pairs,
 * becomes a query string.
 * @example urlencode({ q: "a b", n: 1 }); // "q=a+b&n=1"
 */
export function urlencode(value: unknown): string {
  if (typeof value !== "object" || value === null || value instanceof nunjucks.runtime.SafeString)
    return quote(value, false);
  const pairs = Array.isArray(value)
    ? (value as unknown[][])
    : value instanceof Map
      ? [...value.entries()]
      : Object.entries(value);
  return pairs.map(([key, item]) => `${quote(key, true)}=${quote(item, true)}`).join("&");
}

/**
 * Jinja2's `format`: Python's `%` formatting, with positional or keyword arguments.
 * @example format("%s-%05.1f", "a", 2.25); // "a-002.2"
 */
export function format(value: unknown, ...args: unknown[]): string {
  const last = args.at(-1);
  if (!isKeywords(last)) return percentFormat(text(value), args);
  if (args.length > 1)
    throw new TypeError(
      "The format filter takes positional or keyword arguments, not both at once.",
    );
  const { __keywords: _, ...named } = last;
  return percentFormat(text(value), named);
}

const DECIMAL = ["kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
const BINARY = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"];

/** Jinja2's `filesizeformat`: `1.0 kB`, or `1.0 KiB` with `binary`. @example filesizeformat(1500); // "1.5 kB" */
export function filesizeformat(value: unknown, binary = false): string {
  const bytes = Number(value);
  const base = binary ? 1024 : 1000;
  if (bytes === 1) return "1 Byte";
  if (bytes < base) return `${Math.trunc(bytes)} Bytes`;
  const prefixes = binary ? BINARY : DECIMAL;
  let index = 0;
  while (index < prefixes.length - 1 && bytes >= base ** (index + 2)) index += 1;
  return `${fixedDigits((base * bytes) / base ** (index + 2), 1)} ${prefixes[index]}`;
}

/**
 * Jinja2's `replace` under autoescape: when the string, `old` or `new` is markup, the others
 * are escaped (but `old`) and the result is markup (markupsafe's `Markup.replace`), so that
 * `text|replace("\n", "<br>"|safe)` keeps the break and escapes the text, and nothing plain is
 * ever inserted unescaped into markup.
 * @example replace("aaa", "a", "b", 2); // "bba"
 */
export function replace(
  this: { env: { opts: { autoescape: boolean } } },
  value: unknown,
  old: unknown,
  replacement: unknown,
  count?: number,
): unknown {
  const SafeString = nunjucks.runtime.SafeString;
  const markup =
    this.env.opts.autoescape &&
    [value, old, replacement].some((item) => item instanceof SafeString);
  const part = (item: unknown) =>
    markup && !(item instanceof SafeString) ? internals.lib.escape(text(item)) : text(item);
  // markupsafe escapes the string and `new`, not `old`: `old` only matches, it inserts nothing.
  const [source, from, to] = [part(value), text(old), part(replacement)];
  const pieces = source.split(from);
  const limit = count === undefined || count < 0 ? pieces.length : count + 1;
  const result = [pieces.slice(0, limit).join(to), ...pieces.slice(limit)].join(from);
  return markup ? new SafeString(result) : result;
}

/**
 * Jinja2's `int`: a string of digits in `base`, else the whole part of a number, else `default`.
 * @example int("3.7"); // 3
 */
export function int(value: unknown, fallback = 0, base = 10): number {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number") return Number.isFinite(value) ? Math.trunc(value) : fallback;
  const source = text(value).trim().replace(/_/g, "");
  const digits =
    base === 16
      ? /^[+-]?(0x)?[0-9a-f]+$/i
      : base === 8
        ? /^[+-]?(0o)?[0-7]+$/i
        : base === 2
          ? /^[+-]?(0b)?[01]+$/i
          : /^[+-]?\d+$/;
  if (digits.test(source)) return Number.parseInt(source.replace(/^([+-]?)0[xob]/i, "$1"), base);
  const number = Number(source);
  return source !== "" && Number.isFinite(number) ? Math.trunc(number) : fallback;
}
