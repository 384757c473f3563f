/**
 * Converters turn one variable of a rule into a typed value and back (Werkzeug's contract):
 * `regex` says what text they accept, `weight` their place in precedence, `toValue` and `toUrl`
 * convert. A converter rejects a value by throwing `ValidationError`.
 */

/**
 * Thrown by a converter's `toValue` (the URL does not match) or `toUrl` (the value cannot be
 * written into a URL). It is a signal, not a failure: matching moves on to the next rule.
 * @example toValue: (text) => { if (!isDate(text)) throw new ValidationError(`'${text}' is not a date`); return new Date(text); }
 */
export class ValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ValidationError";
  }
}

/** A converter ready for the matcher: every field filled in. */
export interface Converter<T = unknown> {
  /** Regular expression source for the accepted text, without anchors. */
  readonly regex: string;
  /** Precedence among variables of one segment: lower is tried first. Static text is 0. */
  readonly weight: number;
  /** `false` when the accepted text may contain `/` (like `path`). */
  readonly partIsolating: boolean;
  /** The typed value of matched text; throws `ValidationError` to reject. */
  toValue(text: string): T;
  /** The URL text (percent-encoded) of a value; throws `ValidationError` to reject. */
  toUrl(value: unknown): string;
}

/**
 * What a user writes to add a converter; omitted fields take the defaults.
 * @example const date: ConverterSpec<Date> = { regex: "\\d{4}-\\d{2}-\\d{2}", toValue: (t) => new Date(t) };
 */
export interface ConverterSpec<T = unknown> {
  regex: string;
  /** Default 50: a custom converter is constrained, so it is tried before `string`. */
  weight?: number;
  /** Default `true`: the value stays within one path segment. */
  partIsolating?: boolean;
  /** Default: the matched text itself. */
  toValue?(text: string): T;
  /** Default: `encodeURIComponent(String(value))`. */
  toUrl?(value: T): string;
}

/** One argument of `<converter(args):name>`: numbers, booleans and (quoted or bare) strings. */
export type ConverterArgument = string | number | boolean;

/** Arguments parsed from `<converter(a, b, key=value):name>`. */
export interface ConverterArguments {
  readonly positional: readonly ConverterArgument[];
  readonly named: Readonly<Record<string, ConverterArgument>>;
}

/**
 * A converter that takes arguments: called once per rule with the parsed arguments.
 * @example const fixed: ConverterFactory = ({ positional }) => ({ regex: `\\d{${positional[0]}}` });
 */
export type ConverterFactory = (args: ConverterArguments) => ConverterSpec;

/** A converter as registered: a spec (no arguments) or a factory (arguments allowed). */
export type ConverterDefinition = ConverterSpec | ConverterFactory;

/** Weights: static text 0, constrained converters 50, free text 100, `path` last. */
export const WEIGHT = { constrained: 50, free: 100, path: 200 } as const;

const NO_ARGUMENTS: ConverterArguments = Object.freeze({ positional: [], named: {} });

/** Turns a spec into a full converter (the defaults filled in). */
export function completeConverter(spec: ConverterSpec): Converter {
  const toValue = spec.toValue ?? ((text: string) => text);
  const toUrl = spec.toUrl as ((value: unknown) => string) | undefined;
  return {
    regex: spec.regex,
    weight: spec.weight ?? WEIGHT.constrained,
    partIsolating: spec.partIsolating ?? true,
    toValue,
    toUrl: toUrl ?? ((value: unknown) => encodeURIComponent(scalarText(value))),
  };
}

/** Resolves a definition with a rule's arguments; a plain spec accepts none. */
export function instantiateConverter(
  name: string,
  definition: ConverterDefinition,
  args: ConverterArguments | undefined,
): Converter {
  if (typeof definition === "function") return completeConverter(definition(args ?? NO_ARGUMENTS));
  if (args && (args.positional.length > 0 || Object.keys(args.named).length > 0)) {
    throw new ValidationError(`the converter '${name}' takes no arguments`);
  }
  return completeConverter(definition);
}

const describe = (value: unknown): string =>
  typeof value === "string"
    ? `'${value}'`
    : typeof value === "object"
      ? JSON.stringify(value)
      : String(value);

/** The text of a scalar value; objects and other non-scalars are rejected. */
function scalarText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") {
    return String(value);
  }
  throw new ValidationError(`${describe(value)} is not a string or a number`);
}

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
  if (value === undefined) return undefined;
  if (typeof value !== "number") {
    throw new ValidationError(`the argument '${key}' of '${converter}' must be a number`);
  }
  return value;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");

/** `string`, the default: any text without a slash; `minlength`, `maxlength`, `length`. */
const string: ConverterFactory = (args) => {
  const options = readArguments("string", args, ["minlength", "maxlength", "length"]);
  const length = numberArgument("string", "length", options.length);
  const min = numberArgument("string", "minlength", options.minlength) ?? 1;
  const max = numberArgument("string", "maxlength", options.maxlength);
  const regex =
    length !== undefined ? `[^/]{${length}}` : `[^/]{${min},${max === undefined ? "" : max}}`;
  const fits = (text: string) =>
    length !== undefined
      ? text.length === length
      : text.length >= min && (max === undefined || text.length <= max);
  return {
    regex,
    weight: WEIGHT.free,
    toUrl(value) {
      const text = scalarText(value);
      if (text.includes("/"))
        throw new ValidationError(`'${text}' contains a slash, which a string value cannot`);
      if (!fits(text))
        throw new ValidationError(`'${text}' does not have the length the rule asks for`);
      return encodeURIComponent(text);
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

/** `int`: digits, a number value; `fixed_digits`, `min`, `max`, `signed`. */
const int: ConverterFactory = (args) => {
  const options = readArguments("int", args, ["fixed_digits", "min", "max", "signed"]);
  const fixedDigits = numberArgument("int", "fixed_digits", options.fixed_digits) ?? 0;
  const min = numberArgument("int", "min", options.min);
  const max = numberArgument("int", "max", options.max);
  const signed = options.signed === true;
  const check = (value: number, text: string): number => {
    if (!Number.isSafeInteger(value)) throw new ValidationError(`'${text}' is not an int`);
    if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
      throw new ValidationError(`${text} is out of the range the rule allows`);
    }
    return value;
  };
  return {
    regex: `${signed ? "-?" : ""}\\d${fixedDigits > 0 ? `{${fixedDigits}}` : "+"}`,
    toValue: (text) => check(Number(text), text),
    toUrl(value) {
      const number = typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : value;
      if (typeof number !== "number" || !Number.isSafeInteger(number)) {
        throw new ValidationError(`${describe(value)} is not an int`);
      }
      if (number < 0 && !signed)
        throw new ValidationError(`${number} is negative, and the rule is not signed`);
      check(number, String(number));
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
    return text.split("/").map(encodeURIComponent).join("/");
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
      return encodeURIComponent(text);
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

/**
 * The TypeScript type each converter gives its variable. Add your own converters' types by
 * declaration merging: `declare module "microservices-app" { interface ConverterTypes { date: Date } }`.
 */
export interface ConverterTypes {
  string: string;
  slug: string;
  int: number;
  float: number;
  uuid: string;
  path: string;
}
