import { BuildError } from "../errors.js";
import { ValidationError } from "./converters.js";
import { encodeComponent } from "./encode.js";
import { withoutCodeGeneration } from "./generated-code.js";
import type { Route } from "./route.js";

/**
 * Writes the query string of `urlFor`'s params for one route: every key but the route's
 * variables, its defaults and `urlFor`'s options, escaped, arrays repeating their key.
 */
export type QueryWriter = (
  params: Readonly<Record<string, unknown>>,
  method: string | undefined,
) => string;

/** A query value, escaped; a safe integer's digits need no escape. */
const queryText = (value: unknown): string =>
  typeof value === "number" && Number.isSafeInteger(value)
    ? `${value}`
    : encodeComponent(
        typeof value === "string"
          ? value
          : value instanceof Date
            ? value.toISOString()
            : String(value),
      );

/** Query keys, escaped: an app's links use a handful of keys, again and again. */
const ESCAPED_KEYS = new Map<string, string>();
const ESCAPED_KEYS_LIMIT = 1_000;

/** A query key, escaped: one map lookup instead of an escape, for the keys seen before. */
function escapedKey(key: string): string {
  let escaped = ESCAPED_KEYS.get(key);
  if (escaped === undefined) {
    escaped = encodeComponent(key);
    if (ESCAPED_KEYS.size < ESCAPED_KEYS_LIMIT) ESCAPED_KEYS.set(key, escaped);
  }
  return escaped;
}

/**
 * One query parameter (`&key=value`, or one per item of an array), escaped. It holds the try
 * that the writers' loops do not (it would slow every `urlFor`): a refused value becomes a
 * `BuildError` naming the key.
 */
function queryPart(
  route: Route,
  method: string | undefined,
  key: string,
  value: unknown,
  first: boolean,
): string {
  try {
    if (!Array.isArray(value)) return `${first ? "?" : "&"}${escapedKey(key)}=${queryText(value)}`;
    const name = escapedKey(key);
    let part = "";
    for (const item of value) {
      if (item === undefined || item === null) continue;
      part += `${first && part === "" ? "?" : "&"}${name}=${queryText(item)}`;
    }
    return part;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new BuildError(route.endpoint, method, {
      kind: "unwritable-query",
      key,
      detail: error.message,
    });
  }
}

/** The keys a route leaves out of its query string: variables, options, and its defaults. */
const keysLeftOut = (route: Route): string[] => [
  ...route.compiled.notQuery,
  ...Object.keys(route.defaults ?? {}),
];

/** The writer as a loop that asks a set which keys to leave out: where code may not be generated. */
export function interpretedQueryWriter(route: Route): QueryWriter {
  const leftOut = new Set(keysLeftOut(route));
  return (params, method) => {
    let query = "";
    for (const key in params) {
      if (leftOut.has(key)) continue;
      const value = params[key];
      if (value === undefined || value === null) continue;
      query += queryPart(route, method, key, value, query === "");
    }
    return query;
  };
}

/**
 * The writer as a function of its own, the keys to leave out compared one by one as string
 * literals: a profile of `urlFor` showed the set lookups of every key given (variables and
 * query keys alike) taking a third of the query string's time; a property name compares
 * with a literal by identity. The keys enter the code only as JSON string literals.
 */
export function generatedQueryWriter(route: Route): QueryWriter {
  const tests = keysLeftOut(route).map((key) => `key === ${JSON.stringify(key)}`);
  const body = `let query = "";
for (const key in params) {
  if (${tests.join(" || ") || "false"}) continue;
  const value = params[key];
  if (value === undefined || value === null) continue;
  query += queryPart(route, method, key, value, query === "");
}
return query;`;
  const factory = new Function(
    "queryPart",
    "route",
    `return function writeQuery(params, method) {\n${body}\n};`,
  );
  return factory(queryPart, route) as QueryWriter;
}

/**
 * The query string of the keys of `params` that are neither the route's variables, its
 * defaults nor `urlFor`'s options (`_anchor`, `_external`, `_scheme`, `_method`); without
 * code generation (`node --disallow-code-generation-from-strings`), the same writer as a loop.
 * @example queryString(postRoute, { user_id: 42, slug: "a", page: 2 }, undefined); // "?page=2"
 */
export function queryString(
  route: Route,
  params: Readonly<Record<string, unknown>>,
  method: string | undefined,
): string {
  // Each route's writer is compiled on its first `urlFor`: most routes are never built.
  let writer = route.compiled.queryWriter;
  if (writer === undefined) {
    writer = withoutCodeGeneration(
      () => generatedQueryWriter(route),
      () => interpretedQueryWriter(route),
    );
    route.compiled.queryWriter = writer;
  }
  return writer(params, method);
}
