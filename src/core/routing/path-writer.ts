import type { Converter } from "./converters.js";
import { withoutCodeGeneration } from "./generated-code.js";

/** The pieces `urlFor` joins: encoded static text, or the index of a variable. */
export type BuildPiece = string | number;

/**
 * Writes a rule's path from `urlFor`'s params: its static text, and each variable's value
 * written by its converter; `undefined` when a variable has no value. A converter's
 * `ValidationError` is thrown as it is, for the caller to name the variable.
 */
export type PathWriter = (params: Readonly<Record<string, unknown>>) => string | undefined;

/** The writer as a loop over the pieces: where code may not be generated. */
export function interpretedPathWriter(
  build: readonly BuildPiece[],
  variables: readonly string[],
  converters: readonly Converter[],
): PathWriter {
  return (params) => {
    let path = "";
    for (const piece of build) {
      if (typeof piece === "string") {
        path += piece;
        continue;
      }
      const value = params[variables[piece] as string];
      if (value === undefined || value === null) return undefined;
      path += (converters[piece] as Converter).toUrl(value);
    }
    return path;
  };
}

/**
 * The writer as a function of its own, one statement per piece, as Werkzeug compiles its
 * rules' builders: named property reads and one converter per call site, which V8 inlines;
 * measured a fifth of `urlFor` faster than the loop. Static text and names enter the code only
 * as JSON string literals; the converters are arguments, never source.
 */
export function generatedPathWriter(
  build: readonly BuildPiece[],
  variables: readonly string[],
  converters: readonly Converter[],
): PathWriter {
  let body = 'let value;\nlet path = "";\n';
  for (const piece of build) {
    if (typeof piece === "string") {
      body += `path += ${JSON.stringify(piece)};\n`;
      continue;
    }
    body += `value = params[${JSON.stringify(variables[piece])}];\n`;
    body += "if (value === undefined || value === null) return undefined;\n";
    body += `path += converter${piece}.toUrl(value);\n`;
  }
  body += "return path;";
  const names = converters.map((_, index) => `converter${index}`);
  const factory = new Function(...names, `return function writePath(params) {\n${body}\n};`);
  return factory(...converters) as PathWriter;
}

/**
 * Compiles the writer of a rule's path; without code generation (`node
 * --disallow-code-generation-from-strings`), the same writer as a loop.
 * @example compilePathWriter(["/u/", 0, "/"], ["id"], [intConverter])({ id: 7 }); // "/u/7/"
 */
export function compilePathWriter(
  build: readonly BuildPiece[],
  variables: readonly string[],
  converters: readonly Converter[],
): PathWriter {
  return withoutCodeGeneration(
    () => generatedPathWriter(build, variables, converters),
    () => interpretedPathWriter(build, variables, converters),
  );
}
