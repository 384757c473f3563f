import { type CompilerInternals, internals, type SyntaxNode } from "./nunjucks-internals.js";

type CompileMethod = (
  this: CompilerInternals,
  node: SyntaxNode,
  frame: unknown,
  ...rest: unknown[]
) => void;

const { Compiler } = internals.compiler;
const original = (name: string): CompileMethod => Compiler.prototype[name] as CompileMethod;

/** A condition tested with `runtime.jinjaTruthy`: Python's truthiness inside our renders. */
const Truthy = internals.nodes.Node.extend("JinjaTruthy", { fields: ["target"] });

/** A `{% set x %}...{% endset %}` body: markup when autoescaping, as Jinja2's is. */
const Markup = internals.nodes.Node.extend("JinjaMarkup", { fields: ["target"] });

/** Wraps a node's condition field once (a template compiles once, but stay safe). */
function truthy(node: SyntaxNode, field: string): void {
  const condition = node[field] as SyntaxNode;
  if (!((condition as unknown) instanceof Truthy))
    node[field] = new Truthy(condition.lineno, condition.colno, condition);
}

/** `a or b` / `a and b` as Python evaluates them: the operand itself, the right one lazily. */
function booleanOperator(kind: "or" | "and"): CompileMethod {
  return function compileBoolean(node, frame) {
    this._emit("(function(left){return runtime.jinjaTruthy(left)?");
    if (kind === "or") this._emit("left:(");
    else this._emit("(");
    this.compile(node.right, frame);
    this._emit(kind === "or" ? ")" : "):left");
    this._emit(";})(");
    this.compile(node.left, frame);
    this._emit(")");
  };
}

/**
 * Patches Nunjucks' compiler (once, with the Jinja2 compat): `if`, `not`, `or`, `and` and
 * inline `if` test Python's truthiness, and `loop.cycle(...)` exists. Outside our renders,
 * `runtime.jinjaTruthy` is JavaScript's, so other Nunjucks users see no change.
 * @example installCompilerPatches(); // {% if [] %} now takes the else branch in our renders
 */
export function installCompilerPatches(): void {
  const prototype = Compiler.prototype;
  prototype.compileJinjaTruthy = function compileJinjaTruthy(
    this: CompilerInternals,
    node: SyntaxNode,
    frame: unknown,
  ) {
    this._emit("runtime.jinjaTruthy(");
    this.compile(node.target, frame);
    this._emit(")");
  };
  for (const [name, field] of [
    ["compileIf", "cond"],
    ["compileInlineIf", "cond"],
    ["compileNot", "target"],
  ] as const) {
    const compile = original(name);
    prototype[name] = function patched(
      this: CompilerInternals,
      node: SyntaxNode,
      frame: unknown,
      ...rest: unknown[]
    ) {
      truthy(node, field);
      compile.call(this, node, frame, ...rest);
    };
  }
  // The expression types the compiler checks for must admit the two wrappers.
  const assertType = prototype.assertType as (
    this: CompilerInternals,
    node: unknown,
    ...types: unknown[]
  ) => void;
  prototype.assertType = function jinjaAssertType(
    this: CompilerInternals,
    node: unknown,
    ...types: unknown[]
  ) {
    if (node instanceof Truthy || node instanceof Markup) return;
    assertType.call(this, node, ...types);
  };
  prototype.compileJinjaMarkup = function compileJinjaMarkup(
    this: CompilerInternals,
    node: SyntaxNode,
    frame: unknown,
  ) {
    this._emit("runtime.jinjaMarkup(");
    this.compile(node.target, frame);
    this._emit(", env.opts.autoescape)");
  };
  const compileSet = original("compileSet");
  prototype.compileSet = function jinjaCompileSet(
    this: CompilerInternals,
    node: SyntaxNode,
    frame: unknown,
  ) {
    const body = node.body as SyntaxNode | null | undefined;
    if (body && !((body as unknown) instanceof Markup))
      node.body = new Markup(body.lineno, body.colno, body);
    compileSet.call(this, node, frame);
  };
  // `(1, 2)` is a tuple (a list here), not JavaScript's comma operator.
  const compileGroup = original("compileGroup");
  prototype.compileGroup = function jinjaCompileGroup(
    this: CompilerInternals,
    node: SyntaxNode,
    frame: unknown,
  ) {
    if ((node.children as unknown[]).length < 2) return compileGroup.call(this, node, frame);
    (this as unknown as { _compileAggregate(...args: unknown[]): void })._compileAggregate(
      node,
      frame,
      "[",
      "]",
    );
  };
  prototype.compileOr = booleanOperator("or");
  prototype.compileAnd = booleanOperator("and");

  const emitLoopBindings = original("_emitLoopBindings") as unknown as (
    this: CompilerInternals,
    node: SyntaxNode,
    array: string,
    index: string,
    length: string,
  ) => void;
  prototype._emitLoopBindings = function loopBindings(
    this: CompilerInternals,
    node: SyntaxNode,
    array: string,
    index: string,
    length: string,
  ) {
    emitLoopBindings.call(this, node, array, index, length);
    // Jinja2's loop.cycle("odd", "even"): the argument at the loop's index, round and round.
    this._emitLine(
      `frame.set("loop.cycle", function() { return arguments[${index} % arguments.length]; });`,
    );
  };
}
