import { InvalidURLRule } from "../errors.js";
import {
  type Converter,
  type ConverterDefinition,
  instantiateConverter,
  ValidationError,
} from "./converters.js";
import { escapeRegex } from "./escape-regex.js";
import type { RuleToken } from "./parse-rule.js";
import type { Weighting } from "./weighting.js";

// The parts a compiled rule is made of (segments, patterns, converters), each made once for
// every rule that has it.

/** One path segment of a compiled rule, for the matcher. */
export type SegmentPattern = { readonly type: "static"; readonly text: string } | DynamicPattern;

/** A pattern with converters: one segment (`<int:id>.json`), or the tail of a path. */
export interface DynamicPattern {
  readonly type: "dynamic";
  /** Equal keys accept exactly the same text: the matcher shares their state. */
  readonly key: string;
  readonly regex: RegExp;
  /** The capture group of each variable, in order. */
  readonly groups: readonly number[];
  readonly converters: readonly Converter[];
  /** Precedence among the patterns of one state: Werkzeug's weighting. */
  readonly weighting: Weighting;
  /**
   * A tail that ends with "/" (`<path:p>/`): the path without that slash is a strict-slash
   * redirect (or, with `strictSlashes: false`, a match), as Werkzeug's suffixed parts.
   */
  readonly slashed: boolean;
  /** One converter and no static text: the whole text is its value, no captures needed. */
  readonly whole: boolean;
  /** For a whole pattern whose converter has `accepts`: the regex's answer, without it. */
  readonly accepts?: ((text: string) => boolean) | undefined;
}

/**
 * What the rules compiled with one set of converter definitions share: one converter per
 * converter and arguments (`<int>` is one object for every rule), one pattern per pattern key
 * (its regex included) and one static segment per text. An app of 10,000 rules repeats a few
 * dozen of each; kept per rule, they were a third of the app's memory.
 */
export interface SharedRuleParts {
  /** Converters by signature (`<int>`, `<string{"named":{"length":2}...}>`). */
  readonly converters: Map<string, Converter>;
  /** Dynamic patterns by key. */
  readonly patterns: Map<string, DynamicPattern>;
  /** Static segments by text. */
  readonly statics: Map<string, SegmentPattern>;
}

const SHARED = new WeakMap<object, SharedRuleParts>();

/**
 * The parts shared by the rules compiled with `definitions` (an app's converters): they go
 * when the definitions object does.
 * @example sharedPartsOf(BUILTIN_CONVERTERS).converters.get("<int>");
 */
export function sharedPartsOf(
  definitions: Readonly<Record<string, ConverterDefinition>>,
): SharedRuleParts {
  let parts = SHARED.get(definitions);
  if (parts === undefined) {
    parts = { converters: new Map(), patterns: new Map(), statics: new Map() };
    SHARED.set(definitions, parts);
  }
  return parts;
}

/** A piece of one segment: static text, or a variable (its index and converter signature). */
export type Piece = { text: string } | { index: number; signature: string };

/** How many capture groups a regex source holds, so ours can be found after them. */
const groupCounts = new Map<string, number>();
const countGroups = (source: string): number => {
  // Asked once per converter of every rule, mostly for the same few regexes.
  let count = groupCounts.get(source);
  if (count === undefined) {
    count = (new RegExp(`${source}|`).exec("") as RegExpExecArray).length - 1;
    groupCounts.set(source, count);
  }
  return count;
};

/** The key of a pattern's pieces: equal keys accept exactly the same text. */
const patternKey = (pieces: readonly Piece[]): string => {
  const only = pieces.length === 1 ? (pieces[0] as Piece) : undefined;
  // Most dynamic segments are one variable: their key is its signature.
  if (only !== undefined && "signature" in only) return only.signature;
  return pieces
    .map((piece) => ("text" in piece ? piece.text.replace(/[<>\\]/g, "\\$&") : piece.signature))
    .join("");
};

/** The pattern of pieces, shared by every rule with the same key. */
export function dynamicPattern(
  pieces: readonly Piece[],
  converters: readonly Converter[],
  shared: SharedRuleParts,
): DynamicPattern {
  const key = patternKey(pieces);
  const known = shared.patterns.get(key);
  if (known) return known;
  let source = "";
  let group = 1;
  const statics: number[] = [];
  const weights: number[] = [];
  const groups: number[] = [];
  const used: Converter[] = [];
  for (const piece of pieces) {
    if ("text" in piece) {
      source += escapeRegex(piece.text);
      // Werkzeug counts the runs of static text between slashes, not the slashes.
      for (const run of piece.text.split("/")) if (run) statics.push(run.length);
      continue;
    }
    const converter = converters[piece.index] as Converter;
    groups.push(group);
    used.push(converter);
    source += `(${converter.regex})`;
    group += 1 + countGroups(converter.regex);
    weights.push(converter.weight);
  }
  const last = pieces[pieces.length - 1];
  const whole = pieces.length === 1 && used.length === 1;
  const pattern: DynamicPattern = {
    type: "dynamic",
    key,
    regex: new RegExp(`^(?:${source})$`, "s"),
    // Copies of exact size (slice): an array grown by push keeps room for 17 entries.
    groups: groups.slice(),
    converters: used.slice(),
    weighting: { statics: statics.slice(), converters: weights.slice() },
    slashed: last !== undefined && "text" in last && last.text.endsWith("/"),
    whole,
    accepts: whole ? used[0]?.accepts : undefined,
  };
  shared.patterns.set(key, pattern);
  return pattern;
}

/** The static segment of `text`, shared by every rule with it. */
export function staticSegment(text: string, shared: SharedRuleParts): SegmentPattern {
  let segment = shared.statics.get(text);
  if (segment === undefined) {
    segment = { type: "static", text };
    shared.statics.set(text, segment);
  }
  return segment;
}

/** The converter of a placeholder: one per converter and arguments, for every rule. */
export function converterOf(
  rule: string,
  token: Extract<RuleToken, { type: "variable" }>,
  definitions: Readonly<Record<string, ConverterDefinition>>,
  shared: SharedRuleParts,
  owner: string | undefined,
): Converter {
  const known = shared.converters.get(token.signature);
  if (known) return known;
  const definition = Object.hasOwn(definitions, token.converter)
    ? definitions[token.converter]
    : undefined;
  if (definition === undefined) {
    const known = Object.keys(definitions);
    throw new InvalidURLRule(
      rule,
      `the converter '${token.converter}' of <${token.converter}:${token.name}> does not exist. Converters: ${known.join(", ")}; add your own with the converters option.`,
      owner,
    );
  }
  try {
    const converter = instantiateConverter(token.converter, definition, token.args);
    shared.converters.set(token.signature, converter);
    return converter;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new InvalidURLRule(rule, `${error.message} (in ${token.source}).`, owner);
  }
}
