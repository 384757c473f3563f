import { ValidationError } from "../errors.js";
import { encodePathSegment } from "./path-encode.js";

export { ValidationError };
/**
 * Converters turn one variable of a rule into a typed value and back (Werkzeug's contract):
 * `regex` says what text they accept, `weight` their place in precedence, `toValue` and `toUrl`
 * convert. A converter rejects a value by throwing `ValidationError`.
 */

/** A converter ready for the matcher: every field filled in. */
export interface Converter<T = unknown> {
  /** Regular expression source for the accepted text, without anchors. */
  readonly regex: string;
  /** Precedence among variables of one segment: lower is tried first. Static text is 0. */
  readonly weight: number;
  /** `false` when the accepted text may contain `/` (like `path`). */
  readonly partIsolating: boolean;
  /** Whether `regex` accepts the whole text, said without running it, if the converter can. */
  readonly accepts?: ((text: string) => boolean) | undefined;
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
  /** Default: `true` (the value stays within one segment) unless `regex` contains a `/`. */
  partIsolating?: boolean;
  /**
   * Optional: whether `regex` accepts the whole text, answered without a regex (a test of
   * characters, say), for speed. It must agree with `regex` on every text; the matcher then
   * uses it for a segment that is this converter alone (`/<int:id>/`).
   */
  accepts?(text: string): boolean;
  /** Default: the matched text itself. */
  toValue?(text: string): T;
  /** Default: the text escaped but for Werkzeug's safe set `!$&'()*+,:;=@`. */
  toUrl?(value: T): string;
}

/**
 * One argument of `<converter(args):name>`, read as a Python literal: numbers, `True`/`False`,
 * `None` (null) and (quoted or bare) strings.
 */
export type ConverterArgument = string | number | boolean | null;

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

/** A value as messages show it. */
export const describe = (value: unknown): string =>
  typeof value === "string"
    ? `'${value}'`
    : typeof value === "object"
      ? JSON.stringify(value)
      : String(value);

/** The text of a scalar value; objects and other non-scalars are rejected. */
export function scalarText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") {
    return String(value);
  }
  throw new ValidationError(`${describe(value)} is not a string or a number`);
}

const NO_ARGUMENTS: ConverterArguments = Object.freeze({ positional: [], named: {} });

/** Turns a spec into a full converter (the defaults filled in). */
export function completeConverter(spec: ConverterSpec): Converter {
  const toValue = spec.toValue ?? ((text: string) => text);
  const toUrl = spec.toUrl as ((value: unknown) => string) | undefined;
  return {
    regex: spec.regex,
    weight: spec.weight ?? WEIGHT.constrained,
    // Werkzeug (2.3+): a regex that can match a "/" makes the converter cross segments.
    partIsolating: spec.partIsolating ?? !spec.regex.includes("/"),
    accepts: spec.accepts,
    toValue,
    toUrl: toUrl ?? ((value: unknown) => encodePathSegment(scalarText(value))),
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
