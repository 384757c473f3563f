import nunjucks from "nunjucks";

/** A node of Nunjucks' syntax tree, as its compiler and parser see it. */
export interface SyntaxNode {
  readonly lineno: number;
  readonly colno: number;
  [field: string]: unknown;
}

/** A node class made by `nodes.Node.extend`. */
export type NodeClass = new (lineno: number, colno: number, ...fields: unknown[]) => SyntaxNode;

/** The parts of Nunjucks' compiler the Jinja2 layer extends (the types do not declare them). */
export interface CompilerInternals {
  compile(node: unknown, frame: unknown): void;
  _compileExpression(node: unknown, frame: unknown): void;
  _emit(code: string): void;
  _emitLine(code: string): void;
  _tmpid(): string;
  _withScopedSyntax(run: () => void): void;
  [method: string]: unknown;
}

/** A compile-time frame: which JavaScript variable holds each template variable. */
export interface CompileFrame {
  push(isolateWrites?: boolean): CompileFrame;
  pop(): CompileFrame;
  set(name: string, id: string): void;
}

/** The parts of Nunjucks' parser a custom tag uses. */
export interface ParserInternals {
  nextToken(): { value: string; lineno: number; colno: number };
  parsePrimary(): SyntaxNode;
  parseExpression(): SyntaxNode;
  parseUntilBlocks(...names: string[]): SyntaxNode;
  advanceAfterBlockEnd(name?: string): void;
  skip(type: string): boolean;
  skipValue(type: string, value: string): boolean;
  fail(message: string, lineno?: number, colno?: number): never;
}

type Runtime = Record<string, unknown> & {
  memberLookup: (object: unknown, key: unknown, ...rest: unknown[]) => unknown;
  suppressValue: (value: unknown, autoescape: boolean) => unknown;
};

/**
 * Nunjucks' internals (runtime, lib, compiler, nodes, lexer), typed as far as this library
 * uses them: `installJinjaCompat` patches the same objects.
 * @example internals.runtime.memberLookup({ a: 1 }, "a"); // 1
 */
export const internals = nunjucks as unknown as {
  installJinjaCompat(): () => void;
  runtime: Runtime;
  lib: Record<string, unknown> & { escape: (text: string) => string };
  compiler: { Compiler: { prototype: CompilerInternals } };
  nodes: {
    Node: { extend(name: string, spec: { fields: readonly string[] }): NodeClass };
    [name: string]: unknown;
  };
  lexer: Record<string, string>;
};
