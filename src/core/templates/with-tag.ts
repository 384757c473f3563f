import type nunjucks from "nunjucks";
import {
  type CompileFrame,
  type CompilerInternals,
  internals,
  type ParserInternals,
  type SyntaxNode,
} from "./nunjucks-internals.js";

/** `{% with a = 1, b = x %}...{% endwith %}`: its names, their values, and its body. */
const With = internals.nodes.Node.extend("JinjaWith", { fields: ["names", "values", "body"] });
const { Compiler } = internals.compiler;

/** Every name a `{% set %}` in the body assigns (they must not reach the variables outside). */
function assignedNames(body: SyntaxNode): string[] {
  const SetNode = internals.nodes.Set as new () => unknown;
  const sets = (body as unknown as { findAll(type: unknown): SyntaxNode[] }).findAll(SetNode);
  return sets.flatMap((set) => (set.targets as SyntaxNode[]).map((target) => String(target.value)));
}

/**
 * Compiles `with` as Jinja2 scopes it: the values are evaluated outside, then the body runs in
 * a frame of its own, so that neither its names nor what it `set`s are seen after `endwith`.
 */
Compiler.prototype.compileJinjaWith = function compileJinjaWith(
  this: CompilerInternals,
  node: SyntaxNode,
  frame: CompileFrame,
) {
  const names = node.names as string[];
  const ids = (node.values as SyntaxNode[]).map((value) => {
    const id = this._tmpid();
    this._emit(`var ${id} = `);
    this._compileExpression(value, frame);
    this._emitLine(";");
    return id;
  });
  const shadowed = assignedNames(node.body as SyntaxNode).filter((name) => !names.includes(name));
  const shadowIds = shadowed.map((name) => {
    const id = this._tmpid();
    this._emitLine(
      `var ${id} = runtime.contextOrFrameLookup(context, frame, ${JSON.stringify(name)});`,
    );
    return id;
  });
  this._emitLine("frame = frame.push(true);");
  const inner = frame.push(true);
  [...names, ...shadowed].forEach((name, index) => {
    const id = (ids[index] ?? shadowIds[index - names.length]) as string;
    if (index < names.length) this._emitLine(`frame.set(${JSON.stringify(name)}, ${id});`);
    inner.set(name, id);
  });
  this._withScopedSyntax(() => this.compile(node.body, inner));
  this._emitLine("frame = frame.pop();");
};

/**
 * Jinja2's `{% with %}` tag, which Nunjucks lacks, as a Nunjucks extension.
 * @example environment.addExtension("JinjaWith", new WithExtension());
 */
export class WithExtension implements nunjucks.Extension {
  readonly tags = ["with"];

  parse(parser: ParserInternals, _nodes: unknown, lexer: Record<string, string>): SyntaxNode {
    const tag = parser.nextToken();
    const names: string[] = [];
    const values: SyntaxNode[] = [];
    const peek = () => (parser as unknown as { peekToken(): { type: string } }).peekToken();
    while (peek().type !== lexer.TOKEN_BLOCK_END) {
      if (names.length > 0 && !parser.skip(lexer.TOKEN_COMMA as string))
        parser.fail("with: expected a comma between two assignments", tag.lineno, tag.colno);
      const target = parser.parsePrimary();
      if (
        typeof target.value !== "string" ||
        !parser.skipValue(lexer.TOKEN_OPERATOR as string, "=")
      )
        parser.fail("with: expected name = value", tag.lineno, tag.colno);
      names.push(target.value as string);
      values.push(parser.parseExpression());
    }
    parser.advanceAfterBlockEnd(tag.value);
    const body = parser.parseUntilBlocks("endwith");
    parser.advanceAfterBlockEnd();
    return new With(tag.lineno, tag.colno, names, values, body);
  }
}
