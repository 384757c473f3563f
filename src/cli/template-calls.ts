/** A `url_for(...)` call in a template whose endpoint is a string literal. */
export interface UrlForCall {
  readonly endpoint: string;
  /** The keyword arguments' names, and their values when they are string literals. */
  readonly keywords: ReadonlyMap<string, string | undefined>;
  /** Whether a positional argument (a dict of values) follows: its keys are unknown. */
  readonly dynamic: boolean;
  /** 1-based line of the call in the template. */
  readonly line: number;
}

const QUOTED = /^\s*(["'])((?:(?!\1)[^\\]|\\.)*)\1\s*$/;

/** The text of the call's arguments, from after `(` to its matching `)`, quotes respected. */
function argumentsText(source: string, start: number): string | undefined {
  let depth = 1;
  let quote: string | undefined;
  for (let index = start; index < source.length; index += 1) {
    const char = source[index];
    if (quote) {
      if (char === "\\") index += 1;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === "(" || char === "[" || char === "{") depth += 1;
    else if (char === ")" || char === "]" || char === "}") {
      depth -= 1;
      if (depth === 0) return source.slice(start, index);
    }
  }
  return undefined;
}

/** Splits at the commas outside quotes and brackets. */
function splitArguments(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let current = "";
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index] as string;
    if (quote) {
      if (char === "\\") {
        current += char + (text[index + 1] ?? "");
        index += 1;
        continue;
      }
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if ("([{".includes(char)) depth += 1;
    else if (")]}".includes(char)) depth -= 1;
    else if (char === "," && depth === 0) {
      parts.push(current);
      current = "";
      continue;
    }
    current += char;
  }
  if (current.trim() !== "") parts.push(current);
  return parts;
}

/**
 * The `url_for('endpoint', name=value)` calls of a template whose endpoint is a literal; calls
 * with a computed endpoint are left out (nothing can be known of them before a request).
 * @example urlForCalls("{{ url_for('forum.thread', thread_id=1) }}"); // [{ endpoint: "forum.thread", keywords: thread_id, line: 1 }]
 */
export function urlForCalls(source: string): UrlForCall[] {
  const calls: UrlForCall[] = [];
  for (const match of source.matchAll(/\burl_for\s*\(/g)) {
    const start = (match.index ?? 0) + match[0].length;
    const text = argumentsText(source, start);
    if (text === undefined) continue;
    const [first = "", ...rest] = splitArguments(text);
    const endpoint = QUOTED.exec(first)?.[2];
    if (endpoint === undefined) continue;
    const keywords = new Map<string, string | undefined>();
    let dynamic = false;
    for (const argument of rest) {
      const keyword = /^\s*([A-Za-z_]\w*)\s*=(?!=)([\s\S]*)$/.exec(argument);
      if (keyword?.[1]) keywords.set(keyword[1], QUOTED.exec(keyword[2] ?? "")?.[2]);
      else dynamic = true;
    }
    const line = source.slice(0, match.index).split("\n").length;
    calls.push({ endpoint, keywords, dynamic, line });
  }
  return calls;
}

/** The line of a nunjucks error ("[Line 3, Column 5]"), when it gives one. */
export const nunjucksErrorLine = (message: string): number | undefined => {
  const found = /\[Line (\d+), Column \d+\]/.exec(message);
  return found?.[1] ? Number(found[1]) : undefined;
};
