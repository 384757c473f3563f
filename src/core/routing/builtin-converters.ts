import {
  type ConverterArgument,
  type ConverterArguments,
  type ConverterDefinition,
  type ConverterFactory,
  type ConverterSpec,
  describe,
  scalarText,
  ValidationError,
  WEIGHT,
} from "./converters.js";
import { escapeRegex } from "./escape-regex.js";
import { encodePathSegment } from "./path-encode.js";

// The converters every app has: Werkzeug's (string, int, float, path, uuid, any) and Django's slug.

/** Reads the named arguments a builtin converter understands, rejecting any other. */
function readArguments(
  converter: string,
  args: ConverterArguments,
  allowed: readonly string[],
): Record<string, ConverterArgument | undefined> {
  const values: Record<string, ConverterArgument | undefined> = {};
  args.positional.forEach((value, index) => {
    const key = allowed[index];
    if (key === undefined) {
      throw new ValidationError(
        `the converter '${converter}' takes at most ${allowed.length} arguments`,
      );
    }
    values[key] = value;
  });
  for (const [key, value] of Object.entries(args.named)) {
    if (!allowed.includes(key)) {
      throw new ValidationError(
        `the converter '${converter}' has no argument '${key}' (it takes ${allowed.join(", ")})`,
      );
    }
    values[key] = value;
  }
  return values;
}

function numberArgument(converter: string, key: string, value: ConverterArgument | undefined) {
  // None (null) is Python's "not given", as in Werkzeug's `maxlength=None`.
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number") {
    throw new ValidationError(`the argument '${key}' of '${converter}' must be a number`);
  }
  return value;
}

/** `string`, the default: any text without a slash; `minlength`, `maxlength`, `length`. */
const string: ConverterFactory = (args) => {
  const options = readArguments("string", args, ["minlength", "maxlength", "length"]);
  const length = numberArgument("string", "length", options.length);
  const min = numberArgument("string", "minlength", options.minlength) ?? 1;
  const max = numberArgument("string", "maxlength", options.maxlength);
  if (max !== undefined && max < min) {
    throw new ValidationError(
      `the maxlength of 'string' (${max}) is less than its minlength (${min}); no text would match`,
    );
  }
  const regex =
    length !== undefined ? `[^/]{${length}}` : `[^/]{${min},${max === undefined ? "" : max}}`;
  const fits = (text: string) =>
    length !== undefined
      ? text.length === length
      : text.length >= min && (max === undefined || text.length <= max);
  return {
    regex,
    weight: WEIGHT.free,
    accepts: (text) => fits(text) && !text.includes("/"),
    toUrl(value) {
      const text = typeof value === "string" ? value : scalarText(value);
      const encoded = encodePathSegment(text);
      // Only text that needed escapes can hold a slash: the common case skips the search.
      if (encoded !== text && text.includes("/"))
        throw new ValidationError(`'${text}' contains a slash, which a string value cannot`);
      if (!fits(text))
        throw new ValidationError(`'${text}' does not have the length the rule asks for`);
      return encoded;
    },
  };
};

const SLUG = /^[-a-zA-Z0-9_]+$/;

/** `slug` (Django's): ASCII letters, digits, hyphens and underscores. */
const slug: ConverterSpec<string> = {
  regex: "[-a-zA-Z0-9_]+",
  weight: WEIGHT.free,
  toUrl(value) {
    const text = scalarText(value);
    if (!SLUG.test(text)) throw new ValidationError(`'${text}' is not a slug`);
    return text;
  },
};

/**
 * The number a matched int segment (digits, maybe after a "-") stands for, read in one pass:
 * `Number()` of a string just cut from the path took a tenth of a lookup (profiled), as V8
 * converts a new string in its runtime. Past 2^53 the sum rounds up, never down to a safe
 * integer, so the caller's safe-integer check still refuses it. Other text: `Number()`.
 */
function integerValue(text: string): number {
  const negative = text.charCodeAt(0) === 45; /* - */
  const start = negative ? 1 : 0;
  if (start === text.length) return Number(text);
  let value = 0;
  for (let index = start; index < text.length; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return Number(text);
    value = value * 10 + digit;
  }
  return negative ? -value : value;
}

/** `int`: digits, a number value; `fixed_digits`, `min`, `max`, `signed`. */
const int: ConverterFactory = (args) => {
  const options = readArguments("int", args, ["fixed_digits", "min", "max", "signed"]);
  const fixedDigits = numberArgument("int", "fixed_digits", options.fixed_digits) ?? 0;
  const min = numberArgument("int", "min", options.min);
  const max = numberArgument("int", "max", options.max);
  const signed = options.signed === true;
  const check = (value: number, text: string | number): number => {
    if (!Number.isSafeInteger(value)) throw new ValidationError(`'${text}' is not an int`);
    if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
      throw new ValidationError(`${text} is out of the range the rule allows`);
    }
    return value;
  };
  return {
    regex: `${signed ? "-?" : ""}\\d${fixedDigits > 0 ? `{${fixedDigits}}` : "+"}`,
    // A test of the characters: a third of a segment's match cost less than the regex.
    accepts(text) {
      let index = signed && text.charCodeAt(0) === 45 /* - */ ? 1 : 0;
      const digits = text.length - index;
      if (fixedDigits > 0 ? digits !== fixedDigits : digits === 0) return false;
      for (; index < text.length; index++) {
        const code = text.charCodeAt(index);
        if (code < 48 || code > 57) return false;
      }
      return true;
    },
    // Without a range (most rules), the one check left is written out: a call less per match.
    toValue:
      min === undefined && max === undefined
        ? (text) => {
            const value = integerValue(text);
            if (!Number.isSafeInteger(value)) throw new ValidationError(`'${text}' is not an int`);
            return value;
          }
        : (text) => check(integerValue(text), text),
    toUrl(value) {
      const number = typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : value;
      if (typeof number !== "number" || !Number.isSafeInteger(number)) {
        throw new ValidationError(`${describe(value)} is not an int`);
      }
      if (number < 0 && !signed)
        throw new ValidationError(`${number} is negative, and the rule is not signed`);
      check(number, number);
      if (fixedDigits === 0) return String(number);
      const digits = String(Math.abs(number)).padStart(fixedDigits, "0");
      if (fixedDigits > 0 && digits.length > fixedDigits) {
        throw new ValidationError(
          `${number} has more than the ${fixedDigits} digits the rule allows`,
        );
      }
      return number < 0 ? `-${digits}` : digits;
    },
  };
};

/**
 * Writes a finite float with a decimal point and no exponent, so that it matches
 * `\d+\.\d+` and reads back as the same number: 1 is "1.0", 1e-7 is "0.0000001".
 */
function decimalText(value: number): string {
  const [mantissa = "", exponent] = String(Math.abs(value)).split("e");
  const point = mantissa.indexOf(".");
  let text: string;
  if (exponent === undefined) {
    text = point === -1 ? `${mantissa}.0` : mantissa;
  } else {
    // Move the point of the shortest exact digits by the exponent.
    const digits = mantissa.replace(".", "");
    const at = (point === -1 ? mantissa.length : point) + Number(exponent);
    if (at <= 0) text = `0.${"0".repeat(-at)}${digits}`;
    else if (at >= digits.length) text = `${digits.padEnd(at, "0")}.0`;
    else text = `${digits.slice(0, at)}.${digits.slice(at)}`;
  }
  return value < 0 ? `-${text}` : text;
}

/** `float`: digits with a decimal point, a number value; `min`, `max`, `signed`. */
const float: ConverterFactory = (args) => {
  const options = readArguments("float", args, ["min", "max", "signed"]);
  const min = numberArgument("float", "min", options.min);
  const max = numberArgument("float", "max", options.max);
  const signed = options.signed === true;
  const check = (value: number, text: string): number => {
    if (!Number.isFinite(value)) throw new ValidationError(`'${text}' is too large for a float`);
    if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
      throw new ValidationError(`${text} is out of the range the rule allows`);
    }
    return value;
  };
  return {
    regex: `${signed ? "-?" : ""}\\d+\\.\\d+`,
    toValue: (text) => check(Number(text), text),
    toUrl(value) {
      if (typeof value !== "number" || !Number.isFinite(value)) {
        throw new ValidationError(`${describe(value)} is not a float`);
      }
      if (value < 0 && !signed)
        throw new ValidationError(`${value} is negative, and the rule is not signed`);
      return decimalText(check(value, String(value)));
    },
  };
};

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** `uuid`: a UUID in its 8-4-4-4-12 form, lower-cased. */
const uuid: ConverterSpec<string> = {
  regex: "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
  toValue: (text) => text.toLowerCase(),
  toUrl(value) {
    if (typeof value !== "string" || !UUID.test(value))
      throw new ValidationError(`${describe(value)} is not a uuid`);
    return value.toLowerCase();
  },
};

/** `path`: like `string` but may contain slashes; it is tried after every other converter. */
const path: ConverterSpec<string> = {
  regex: "[^/].*?",
  weight: WEIGHT.path,
  partIsolating: false,
  toUrl(value) {
    const text = scalarText(value);
    if (text === "" || text.startsWith("/")) {
      throw new ValidationError(
        `'${text}' is not a path: it must be non-empty and not start with '/'`,
      );
    }
    return text.split("/").map(encodePathSegment).join("/");
  },
};

/** `any(a, b, c)`: exactly one of the listed words. */
const any: ConverterFactory = (args) => {
  if (Object.keys(args.named).length > 0) {
    throw new ValidationError("the converter 'any' takes only the accepted words, without names");
  }
  const items = args.positional.map(String);
  if (items.length === 0)
    throw new ValidationError("the converter 'any' needs at least one word, e.g. any(a, b)");
  return {
    regex: `(?:${items.map(escapeRegex).join("|")})`,
    toUrl(value) {
      const text = scalarText(value);
      if (!items.includes(text)) {
        throw new ValidationError(
          `'${text}' is not one of ${items.map((item) => `'${item}'`).join(", ")}`,
        );
      }
      return encodePathSegment(text);
    },
  };
};

/** The converters every app has, by name. */
export const BUILTIN_CONVERTERS: Readonly<Record<string, ConverterDefinition>> = Object.freeze({
  string,
  slug,
  int,
  float,
  uuid,
  path,
  any,
});
