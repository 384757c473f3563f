import { internals, type SyntaxNode } from "./nunjucks-internals.js";

interface Token {
  readonly type: string;
  readonly value: string;
}

interface ParserPrototype {
  parseIs(this: ParserPrototype): SyntaxNode;
  parsePrimary(): SyntaxNode;
  peekToken(): Token | null;
}

type NodeConstructor = new (lineno: number, colno: number, ...fields: unknown[]) => SyntaxNode;

/** Tokens that may start a test's one argument given without parentheses (`is divisibleby 3`). */
const ARGUMENT_TOKENS = ["int", "float", "string", "boolean", "none", "left-bracket", "left-curly"];
/** Names that end the test instead (`x is defined and y`). */
const NOT_ARGUMENTS = new Set(["and", "or", "else", "if", "is", "not", "in"]);

/**
 * Patches Nunjucks' parser (once, with the Jinja2 compat) so that a test takes one argument
 * without parentheses, as Jinja2's does: `{% if loop.index is divisibleby 3 %}`, `x is gt 2`.
 * @example installParserPatches(); // `3 is gt 2` now parses
 */
export function installParserPatches(): void {
  const parser = (internals as unknown as { parser: { Parser: { prototype: ParserPrototype } } })
    .parser;
  const nodes = internals.nodes as unknown as Record<string, NodeConstructor>;
  const FunCall = nodes.FunCall as NodeConstructor;
  const NodeList = nodes.NodeList as NodeConstructor;
  const Is = nodes.Is as NodeConstructor;
  const SymbolNode = nodes.Symbol as NodeConstructor;
  const parseIs = parser.Parser.prototype.parseIs;
  parser.Parser.prototype.parseIs = function jinjaParseIs() {
    const node = parseIs.call(this);
    const test = findIs(node, Is);
    if (!test || !((test.right as unknown) instanceof SymbolNode)) return node;
    const next = this.peekToken();
    const starts =
      next !== null &&
      (ARGUMENT_TOKENS.includes(next.type) ||
        (next.type === "symbol" && !NOT_ARGUMENTS.has(next.value)));
    if (!starts) return node;
    const name = test.right as SyntaxNode;
    const argument = this.parsePrimary();
    test.right = new FunCall(
      name.lineno,
      name.colno,
      name,
      new NodeList(name.lineno, name.colno, [argument]),
    );
    return node;
  };
}

/** The `Is` node parseIs made: itself, or inside the `Not` of `is not`. */
function findIs(node: SyntaxNode, Is: NodeConstructor): SyntaxNode | undefined {
  if ((node as unknown) instanceof Is) return node;
  const target = node.target as SyntaxNode | undefined;
  return target && (target as unknown) instanceof Is ? target : undefined;
}
