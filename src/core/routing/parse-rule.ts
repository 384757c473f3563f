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
// inside a quoted argument. Sticky: it is tried at the "<" found, without cutting the rule.
const PLACEHOLDER = /<(?:([a-zA-Z_][a-zA-Z0-9_]*)(?:\((.*?)\))?:)?([a-zA-Z_][a-zA-Z0-9_]*)>/sy;
/** The characters that end a run of static text. */
const SPECIAL = /[<>?#]/g;

/**
 * Parses a rule's syntax (not its converters, which the app knows): Werkzeug's and Django's
 * `/static/<name>/<converter:name>/<converter(args):name>`. Static text is found a run at a
 * time (a regex search per placeholder, not a step per character): an app's start-up parses
 * every rule before the JIT has optimized anything.
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
  const names: string[] = [];
  let text = "";
  for (let position = 0; position < rule.length; ) {
    SPECIAL.lastIndex = position;
    const special = SPECIAL.exec(rule);
    const at = special === null ? rule.length : special.index;
    if (at > position) text += rule.slice(position, at);
    if (special === null) break;
    position = at;
    const char = special[0];
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
    PLACEHOLDER.lastIndex = position;
    const found = PLACEHOLDER.exec(rule);
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
    if (names.includes(name)) {
      throw new InvalidURLRule(
        rule,
        `the variable '${name}' appears twice; give each variable its own name.`,
        owner,
      );
    }
    names.push(name);
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
