import { InvalidURLRule } from "../errors.js";
import {
  type Converter,
  type ConverterDefinition,
  instantiateConverter,
  ValidationError,
} from "./converters.js";
import { escapeRegex } from "./escape-regex.js";
import type { RuleToken } from "./parse-rule.js";
import { type BuildPiece, compilePathWriter, type PathWriter } from "./path-writer.js";
import type { Weighting } from "./weighting.js";

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
}

/** The keys of `urlFor`'s params that are options, not query parameters. */
export const URL_FOR_OPTIONS = ["_anchor", "_external", "_scheme", "_method"] as const;

/** A rule ready for matching and building. */
export interface CompiledRule {
  readonly rule: string;
  readonly variables: readonly string[];
  readonly converters: readonly Converter[];
  /** The segments matched one by one, up to the first converter that may cross a `/`. */
  readonly segments: readonly SegmentPattern[];
  /** From that converter on, the rest of the path is matched as one pattern. */
  readonly tail: DynamicPattern | undefined;
  /** Equal keys match exactly the same URLs (variable names aside). */
  readonly key: string;
  readonly build: readonly BuildPiece[];
  /** Writes the path from `urlFor`'s params (compiled once per rule). */
  readonly writePath: PathWriter;
  /** The keys `urlFor` leaves out of the query string: the variables and its options. */
  readonly notQuery: ReadonlySet<string>;
}

type Piece = { text: string } | { index: number; signature: string };

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

function dynamicPattern(
  pieces: readonly Piece[],
  converters: readonly Converter[],
): DynamicPattern {
  let source = "";
  let key = "";
  let group = 1;
  const statics: number[] = [];
  const weights: number[] = [];
  const groups: number[] = [];
  const used: Converter[] = [];
  for (const piece of pieces) {
    if ("text" in piece) {
      source += escapeRegex(piece.text);
      key += piece.text.replace(/[<>\\]/g, "\\$&");
      // Werkzeug counts the runs of static text between slashes, not the slashes.
      for (const run of piece.text.split("/")) if (run) statics.push(run.length);
      continue;
    }
    const converter = converters[piece.index] as Converter;
    groups.push(group);
    used.push(converter);
    source += `(${converter.regex})`;
    key += piece.signature;
    group += 1 + countGroups(converter.regex);
    weights.push(converter.weight);
  }
  const last = pieces[pieces.length - 1];
  return {
    type: "dynamic",
    key,
    regex: new RegExp(`^(?:${source})$`, "s"),
    groups,
    converters: used,
    weighting: { statics, converters: weights },
    slashed: last !== undefined && "text" in last && last.text.endsWith("/"),
    whole: pieces.length === 1 && used.length === 1,
  };
}

/**
 * Compiles parsed tokens with the app's converters: segments for the matcher, pieces for
 * `urlFor`. Unknown converters and bad converter arguments are `InvalidURLRule`s here.
 * `domainVariables`, the url's subdomain or host variables, stay out of its query string too.
 * @example compileRule("/u/<int:id>", parseRule("/u/<int:id>"), BUILTIN_CONVERTERS).variables; // ["id"]
 */
export function compileRule(
  rule: string,
  tokens: readonly RuleToken[],
  definitions: Readonly<Record<string, ConverterDefinition>>,
  owner?: string,
  domainVariables: readonly string[] = [],
): CompiledRule {
  const variables: string[] = [];
  const converters: Converter[] = [];
  const build: BuildPiece[] = [];
  // Segments of pieces, split at each "/" of static text; the leading "/" opens the first one.
  const segments: Piece[][] = [];
  let current: Piece[] = [];
  let first = true;
  for (const token of tokens) {
    if (token.type === "static") {
      build.push(encodeURI(token.text));
      const parts = token.text.split("/");
      parts.forEach((part, index) => {
        if (index > 0) {
          if (!first) segments.push(current);
          first = false;
          current = [];
        }
        if (part) current.push({ text: part });
      });
      continue;
    }
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
      converters.push(instantiateConverter(token.converter, definition, token.args));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      throw new InvalidURLRule(rule, `${error.message} (in ${token.source}).`, owner);
    }
    build.push(variables.length);
    current.push({ index: variables.length, signature: token.signature });
    variables.push(token.name);
  }
  segments.push(current);

  const compiled: SegmentPattern[] = [];
  let tail: DynamicPattern | undefined;
  for (let index = 0; index < segments.length; index++) {
    const pieces = segments[index] as Piece[];
    const crosses = pieces.some(
      (piece) => "index" in piece && !converters[piece.index]?.partIsolating,
    );
    if (crosses) {
      // The rest of the rule, slashes included, becomes one pattern over the rest of the path.
      const rest: Piece[] = [];
      segments.slice(index).forEach((segment, offset) => {
        if (offset > 0) rest.push({ text: "/" });
        rest.push(...segment);
      });
      tail = dynamicPattern(mergeText(rest), converters);
      break;
    }
    compiled.push(
      pieces.every((piece) => "text" in piece)
        ? { type: "static", text: pieces.map((piece) => (piece as { text: string }).text).join("") }
        : dynamicPattern(pieces, converters),
    );
  }
  const key = [
    ...compiled.map((segment) =>
      segment.type === "static" ? segment.text.replace(/[<>\\]/g, "\\$&") : segment.key,
    ),
    ...(tail ? [`*${tail.key}`] : []),
  ].join("/");
  const compiledRule: { -readonly [Key in keyof CompiledRule]: CompiledRule[Key] } = {
    rule,
    variables,
    converters,
    segments: compiled,
    tail,
    key,
    build,
    // Compiled on the first urlFor of the rule, then in place: an app's start-up compiles
    // none (a thousand rules took a tenth of a second), and most rules are never built.
    writePath: (params) => {
      compiledRule.writePath = compilePathWriter(build, variables, converters);
      return compiledRule.writePath(params);
    },
    notQuery: new Set([...variables, ...URL_FOR_OPTIONS, ...domainVariables]),
  };
  return compiledRule;
}

function mergeText(pieces: readonly Piece[]): Piece[] {
  const merged: Piece[] = [];
  for (const piece of pieces) {
    const last = merged[merged.length - 1];
    if ("text" in piece && last && "text" in last) last.text += piece.text;
    else merged.push("text" in piece ? { text: piece.text } : piece);
  }
  return merged;
}
