import { isKeywords } from "./keyword-args.js";
import { pythonStr } from "./python-str.js";

/** Python's whitespace split: runs of whitespace, no empty pieces at either end. */
function splitWords(text: string): string[] {
  const trimmed = text.trim();
  return trimmed === "" ? [] : trimmed.split(/\s+/);
}

/** Python's `str.split(sep, maxsplit)`: the rest stays in the last piece. */
function split(this: string, separator?: string | null, maxsplit = -1): string[] {
  if (separator === undefined || separator === null) {
    if (maxsplit < 0) return splitWords(this);
    const pieces: string[] = [];
    let rest = this.trimStart();
    while (rest !== "" && pieces.length < maxsplit) {
      const match = /\s+/.exec(rest);
      if (!match) break;
      pieces.push(rest.slice(0, match.index));
      rest = rest.slice(match.index + match[0].length);
    }
    return rest === "" ? pieces : [...pieces, rest];
  }
  const all = this.split(separator);
  if (maxsplit < 0 || all.length <= maxsplit + 1) return all;
  return [...all.slice(0, maxsplit), all.slice(maxsplit).join(separator)];
}

/**
 * Python's `str.format` for plain fields: `{}`, `{0}`, `{name}` (keyword arguments) and the
 * `{{`/`}}` escapes. A format spec (`{:>8}`) is refused with a message, not misprinted.
 */
function format(this: string, ...args: unknown[]): string {
  const last = args.at(-1);
  const named = isKeywords(last) ? last : {};
  const positional = isKeywords(last) ? args.slice(0, -1) : args;
  let next = 0;
  return this.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (whole, field: string | undefined) => {
    if (whole === "{{") return "{";
    if (whole === "}}") return "}";
    const name = field as string;
    if (/[:!]/.test(name))
      throw new TypeError(
        `str.format: the field {${name}} has a conversion or format spec, which templates do not support; use the format filter ("%5.2f"|format(x)).`,
      );
    const value =
      name === ""
        ? positional[next++]
        : /^\d+$/.test(name)
          ? positional[Number(name)]
          : named[name];
    if (value === undefined)
      throw new RangeError(`str.format: no argument for the field {${name}}.`);
    return pythonStr(value);
  });
}

/** Characters to strip: Python's default is whitespace. */
const stripPattern = (chars: string | undefined, where: "start" | "end"): RegExp => {
  const set = chars === undefined ? "\\s" : chars.replace(/[\\\]^-]/g, "\\$&");
  return new RegExp(where === "start" ? `^[${set}]+` : `[${set}]+$`, "u");
};

const capitalize = (text: string): string =>
  text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();

/**
 * Python's `str` methods that templates written for Jinja2 call (`name.upper()`,
 * `path.startswith("/")`, `tags.split(",")`), by name; `this` is the string.
 * @example STRING_METHODS.upper.call("abc"); // "ABC"
 */
export const STRING_METHODS: Readonly<Record<string, (this: string, ...args: never[]) => unknown>> =
  {
    upper(this: string) {
      return this.toUpperCase();
    },
    lower(this: string) {
      return this.toLowerCase();
    },
    strip(this: string, chars?: string) {
      return this.replace(stripPattern(chars, "start"), "").replace(stripPattern(chars, "end"), "");
    },
    lstrip(this: string, chars?: string) {
      return this.replace(stripPattern(chars, "start"), "");
    },
    rstrip(this: string, chars?: string) {
      return this.replace(stripPattern(chars, "end"), "");
    },
    startswith(this: string, prefix: string | string[]) {
      return (Array.isArray(prefix) ? prefix : [prefix]).some((item) => this.startsWith(item));
    },
    endswith(this: string, suffix: string | string[]) {
      return (Array.isArray(suffix) ? suffix : [suffix]).some((item) => this.endsWith(item));
    },
    split,
    format,
    replace(this: string, old: string, replacement: string, count = -1) {
      if (count < 0) return this.split(old).join(replacement);
      const pieces = this.split(old);
      return [pieces.slice(0, count + 1).join(replacement), ...pieces.slice(count + 1)].join(old);
    },
    title(this: string) {
      return this.toLowerCase().replace(
        /(^|[^\p{L}\p{N}'])(\p{L})/gu,
        (_, gap, letter) => gap + letter.toUpperCase(),
      );
    },
    capitalize(this: string) {
      return capitalize(this);
    },
    count(this: string, part: string) {
      return part === "" ? this.length + 1 : this.split(part).length - 1;
    },
    find(this: string, part: string) {
      return this.indexOf(part);
    },
    join(this: string, items: readonly unknown[]) {
      return items.join(this);
    },
    isdigit(this: string) {
      return /^\p{Nd}+$/u.test(this);
    },
  };
