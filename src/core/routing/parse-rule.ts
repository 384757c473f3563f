import { InvalidURLRule } from "../errors.js";
import { ConverterArgumentsError, parseConverterArgs } from "./converter-args.js";
import type { ConverterArguments } from "./converters.js";

/** A rule string split into static text and `<converter(args):name>` placeholders. */
export type RuleToken =
  | { readonly type: "static"; readonly text: string }
  | {
      readonly type: "variable";
      readonly name: string;
      readonly converter: string;
      readonly args: ConverterArguments | undefined;
      /** The placeholder as written, for messages. */
      readonly source: string;
      /** The converter and its arguments, without the variable name: `<int(max=9)>`. */
      readonly signature: string;
    };

// Werkzeug's `_part_re`: the arguments run lazily to the first "):" , so a ")" or "?" may sit
// inside a quoted argument.
const PLACEHOLDER = /^<(?:([a-zA-Z_][a-zA-Z0-9_]*)(?:\((.*?)\))?:)?([a-zA-Z_][a-zA-Z0-9_]*)>/s;

/**
 * Parses a rule's syntax (not its converters, which the app knows): Werkzeug's and Django's
 * `/static/<name>/<converter:name>/<converter(args):name>`.
 * @example parseRule("/users/<int:id>/"); // [static "/users/", variable id (int), static "/"]
 */
export function parseRule(rule: unknown, owner?: string): readonly RuleToken[] {
  if (typeof rule !== "string" || rule.length === 0) {
    throw new InvalidURLRule(rule, 'a rule must be a non-empty string such as "/about/".', owner);
  }
  if (!rule.startsWith("/")) {
    throw new InvalidURLRule(rule, `a rule must start with "/"; write "/${rule}".`, owner);
  }
  const tokens: RuleToken[] = [];
  const names = new Set<string>();
  let text = "";
  for (let position = 0; position < rule.length; ) {
    const char = rule[position] as string;
    if (char === ">") {
      throw new InvalidURLRule(rule, `'>' at position ${position} closes no placeholder.`, owner);
    }
    if (char === "?" || char === "#") {
      throw new InvalidURLRule(
        rule,
        `'${char}' at position ${position} is not allowed: a rule matches the path only, not the query string or fragment.`,
        owner,
      );
    }
    if (char !== "<") {
      text += char;
      position += 1;
      continue;
    }
    const found = PLACEHOLDER.exec(rule.slice(position));
    if (!found) {
      throw new InvalidURLRule(
        rule,
        `'<' at position ${position} does not start a valid placeholder: write <name>, <converter:name> or <converter(args):name>, where names are letters, digits and '_'.`,
        owner,
      );
    }
    const source = found[0];
    const converter = found[1] ?? "string";
    const argsText = found[2];
    const name = found[3] as string;
    if (names.has(name)) {
      throw new InvalidURLRule(
        rule,
        `the variable '${name}' appears twice; give each variable its own name.`,
        owner,
      );
    }
    names.add(name);
    if (text) tokens.push({ type: "static", text });
    text = "";
    const args = argsText === undefined ? undefined : parseArguments(rule, argsText, owner);
    const signature = `<${converter}${args ? JSON.stringify(args) : ""}>`;
    tokens.push({ type: "variable", name, converter, args, source, signature });
    position += source.length;
  }
  if (text) tokens.push({ type: "static", text });
  // A copy of exact size: a url keeps its tokens, and an array grown by push has room for 17.
  return tokens.slice();
}

/** Werkzeug's `parse_converter_args`, its errors said as an `InvalidURLRule`. */
function parseArguments(rule: string, text: string, owner?: string): ConverterArguments {
  try {
    return parseConverterArgs(text);
  } catch (error) {
    if (!(error instanceof ConverterArgumentsError)) throw error;
    throw new InvalidURLRule(rule, `${error.message}.`, owner);
  }
}
