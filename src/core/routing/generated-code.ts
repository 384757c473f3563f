/**
 * The generated version of a function where code may be generated from strings, else its
 * interpreted twin: `node --disallow-code-generation-from-strings` (as a strict Content
 * Security Policy) makes `new Function` throw an `EvalError`.
 * @example withoutCodeGeneration(() => generatedPathWriter(...), () => interpretedPathWriter(...));
 */
export function withoutCodeGeneration<T>(generated: () => T, interpreted: () => T): T {
  try {
    return generated();
  } catch (error) {
    if (!(error instanceof EvalError)) throw error;
    return interpreted();
  }
}
