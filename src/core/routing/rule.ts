import type { Converter, ConverterDefinition } from "./converters.js";
import { type ParamsMaker, paramsMaker } from "./params.js";
import { parseRule, type RuleToken } from "./parse-rule.js";
import { type BuildPiece, compilePathWriter, type PathWriter } from "./path-writer.js";
import {
  converterOf,
  type DynamicPattern,
  dynamicPattern,
  type Piece,
  type SegmentPattern,
  sharedPartsOf,
  staticSegment,
} from "./segment-patterns.js";

export type { DynamicPattern, SegmentPattern } from "./segment-patterns.js";

/** The keys of `urlFor`'s params that are options, not query parameters. */
export const URL_FOR_OPTIONS = ["_anchor", "_external", "_scheme", "_method"] as const;

/**
 * A rule ready for matching and building. Its path writer and the keys `urlFor` leaves out
 * of the query string are made on its first `urlFor`: an app's start-up makes none (a
 * thousand rules took a tenth of a second), and most rules are never built.
 */
export class CompiledRule {
  readonly #definitions: Readonly<Record<string, ConverterDefinition>>;
  #built: { converters: readonly Converter[]; build: readonly BuildPiece[] } | undefined;
  /**
   * Writes the path from `urlFor`'s params: the rule's writer, compiled on the first call,
   * which then replaces this property, so that every later `urlFor` calls it directly.
   */
  writePath: PathWriter = writeFirstPath;
  /**
   * Makes a matched request's params from the domain's values then the path's: made on the
   * rule's first request (shared by the rules of the same names), then in its place.
   */
  makeParams: ParamsMaker = makeFirstParams;
  /**
   * The route's query string writer, made by `queryString` on the first `urlFor` (a rule
   * belongs to one route): a field rather than a map from routes, a lookup less per URL.
   */
  queryWriter:
    | ((params: Readonly<Record<string, unknown>>, method: string | undefined) => string)
    | undefined;
  #notQuery: ReadonlySet<string> | undefined;

  constructor(
    readonly rule: string,
    readonly variables: readonly string[],
    /** The segments matched one by one, up to the first converter that may cross a `/`. */
    readonly segments: readonly SegmentPattern[],
    /** From that converter on, the rest of the path is matched as one pattern. */
    readonly tail: DynamicPattern | undefined,
    /** The url's subdomain or host variables, which stay out of its query string too. */
    readonly domainVariables: readonly string[],
    definitions: Readonly<Record<string, ConverterDefinition>>,
  ) {
    this.#definitions = definitions;
  }

  /** The converter of each variable, in order. */
  get converters(): readonly Converter[] {
    return this.#pieces().converters;
  }

  /** The pieces `urlFor` joins: encoded static text, or the index of a variable. */
  get build(): readonly BuildPiece[] {
    return this.#pieces().build;
  }

  /**
   * The converters and pieces, read again from the rule on its first `urlFor`: kept from the
   * compile, they were a tenth of an app's memory, for the many rules never built. The rule
   * compiled once already, so reading it again cannot fail.
   */
  #pieces() {
    if (this.#built === undefined) {
      const shared = sharedPartsOf(this.#definitions);
      const converters: Converter[] = [];
      const build: BuildPiece[] = [];
      for (const token of parseRule(this.rule)) {
        if (token.type === "static") {
          build.push(encodeURI(token.text));
          continue;
        }
        build.push(converters.length);
        converters.push(converterOf(this.rule, token, this.#definitions, shared, undefined));
      }
      this.#built = { converters, build };
    }
    return this.#built;
  }

  /** Equal keys match exactly the same URLs (variable names aside). */
  get key(): string {
    return [
      ...this.segments.map((segment) =>
        segment.type === "static" ? segment.text.replace(/[<>\\]/g, "\\$&") : segment.key,
      ),
      ...(this.tail ? [`*${this.tail.key}`] : []),
    ].join("/");
  }

  /** The keys `urlFor` leaves out of the query string: the variables and its options. */
  get notQuery(): ReadonlySet<string> {
    this.#notQuery ??= new Set([...this.variables, ...URL_FOR_OPTIONS, ...this.domainVariables]);
    return this.#notQuery;
  }
}

/** A rule's `writePath` until its first call: compiles the writer, then puts it in its place. */
function writeFirstPath(this: CompiledRule, params: Readonly<Record<string, unknown>>) {
  this.writePath = compilePathWriter(this.build, this.variables, this.converters);
  return this.writePath(params);
}

/** A rule's `makeParams` until its first request: finds the maker, then puts it in its place. */
function makeFirstParams(this: CompiledRule, values: readonly unknown[]) {
  this.makeParams = paramsMaker([...this.domainVariables, ...this.variables]);
  return this.makeParams(values);
}

/** The empty list a rule without variables holds: one for all of them. */
const NONE: readonly never[] = Object.freeze([]);

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
  domainVariables: readonly string[] = NONE,
): CompiledRule {
  const shared = sharedPartsOf(definitions);
  const variables: string[] = [];
  const converters: Converter[] = [];
  // The segments, split at each "/" of static text (the leading "/" opens the first one): a
  // segment without a variable (most) is its text alone, its pieces made only once a variable
  // shows up. Plain loops, no split, some or join: an app's start-up compiles each rule once,
  // before the JIT has optimized anything, and those took half of a cold compile.
  const segments: (Piece[] | string)[] = [];
  let pieces: Piece[] | undefined;
  let text = "";
  let first = true;
  for (let tokenIndex = 0; tokenIndex < tokens.length; tokenIndex++) {
    const token = tokens[tokenIndex] as RuleToken;
    if (token.type === "static") {
      const source = token.text;
      let start = 0;
      for (;;) {
        const slash = source.indexOf("/", start);
        if (slash === -1) {
          text += start === 0 ? source : source.slice(start);
          break;
        }
        if (slash > start) text += source.slice(start, slash);
        if (!first) segments.push(closeSegment(pieces, text));
        first = false;
        pieces = undefined;
        text = "";
        start = slash + 1;
      }
      continue;
    }
    pieces ??= [];
    if (text) pieces.push({ text });
    text = "";
    converters.push(converterOf(rule, token, definitions, shared, owner));
    pieces.push({ index: variables.length, signature: token.signature });
    variables.push(token.name);
  }
  segments.push(closeSegment(pieces, text));

  const compiled: SegmentPattern[] = [];
  let tail: DynamicPattern | undefined;
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index] as Piece[] | string;
    if (typeof segment === "string") {
      compiled.push(staticSegment(segment, shared));
      continue;
    }
    if (crossesSlashes(segment, converters)) {
      // The rest of the rule, slashes included, becomes one pattern over the rest of the path.
      const rest: Piece[] = [];
      segments.slice(index).forEach((later, offset) => {
        if (offset > 0) rest.push({ text: "/" });
        if (typeof later !== "string") rest.push(...later);
        else if (later) rest.push({ text: later });
      });
      tail = dynamicPattern(mergeText(rest), converters, shared);
      break;
    }
    compiled.push(dynamicPattern(segment, converters, shared));
  }
  // Copies of exact size: these arrays live as long as the app, one set per rule.
  return new CompiledRule(
    rule,
    variables.length > 0 ? variables.slice() : NONE,
    compiled.slice(),
    tail,
    domainVariables,
    definitions,
  );
}

/** A finished segment: its text when it has no variable, else its pieces with the text after the last. */
function closeSegment(pieces: Piece[] | undefined, text: string): Piece[] | string {
  if (pieces === undefined) return text;
  if (text) pieces.push({ text });
  return pieces;
}

/** Whether a segment has a converter that may match a "/" (`path`): then it cannot be matched alone. */
function crossesSlashes(pieces: readonly Piece[], converters: readonly Converter[]): boolean {
  for (const piece of pieces) {
    if ("index" in piece && !converters[piece.index]?.partIsolating) return true;
  }
  return false;
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
