import nunjucks from "nunjucks";
import { installCompilerPatches } from "./compiler-patches.js";
import { internals } from "./nunjucks-internals.js";
import { installParserPatches } from "./parser-patches.js";
import { STRING_METHODS } from "./python-members.js";
import { pythonStr } from "./python-str.js";

/**
 * What the Jinja2 layer shares across every copy of this library loaded in the process (the
 * source and the build, say): Nunjucks' runtime is one object, so it is patched once, and the
 * patches ask this state whether the render running is one of ours.
 */
interface JinjaState {
  /** How many renders of ours are running (nested renders count each). */
  depth: number;
}

const STATE_KEY = Symbol.for("microservices-app.jinja-compat");

/** A character markupsafe escapes (Jinja2's set): a backslash is left alone. */
const SPECIAL = /[&<>'"]/;

/** markupsafe's escape of a character code of `SPECIAL`: `"` is `&#34;`. */
const escapeOf = (code: number): string =>
  code === 38
    ? "&amp;"
    : code === 60
      ? "&lt;"
      : code === 62
        ? "&gt;"
        : code === 39
          ? "&#39;"
          : "&#34;";

/**
 * Escapes text as markupsafe (and so Jinja2 and Flask) does. Text with nothing to escape (most
 * of a page's values: numbers, names) is returned after one search; the rest is escaped by a
 * pass over its characters, not a replace calling back per character (14% of a render).
 * @example markupEscape("<a>"); // "&lt;a&gt;"
 */
export function markupEscape(text: string): string {
  const first = text.search(SPECIAL);
  if (first === -1) return text;
  let escaped = text.slice(0, first);
  let kept = first;
  for (let index = first; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code !== 38 && code !== 60 && code !== 62 && code !== 39 && code !== 34) continue;
    escaped += text.slice(kept, index) + escapeOf(code);
    kept = index + 1;
  }
  return kept < text.length ? escaped + text.slice(kept) : escaped;
}

/**
 * Python's truthiness: empty lists, dicts and strings are false (`{% if items %}` with no items
 * takes the else branch), NaN is true.
 * @example pythonTruthy([]); // false
 */
export function pythonTruthy(value: unknown): boolean {
  if (Array.isArray(value) || typeof value === "string") return value.length > 0;
  if (value instanceof nunjucks.runtime.SafeString) return String(value).length > 0;
  if (value instanceof Map || value instanceof Set) return value.size > 0;
  if (typeof value === "number") return value !== 0;
  if (
    typeof value === "object" &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype
  )
    return Object.keys(value).length > 0;
  return Boolean(value);
}

/**
 * Installs, once per process, Nunjucks' own `installJinjaCompat()` (True/False/None, slices,
 * dict and list methods: it patches Nunjucks' runtime and parser for every environment) and
 * this library's additions. The additions apply only while one of our renders runs, so that
 * another Nunjucks user in the same process keeps Nunjucks' output.
 */
function install(): JinjaState {
  const shared = internals.runtime as Record<symbol, JinjaState | undefined>;
  const installed = shared[STATE_KEY];
  if (installed) return installed;
  const state: JinjaState = { depth: 0 };
  shared[STATE_KEY] = state;
  internals.installJinjaCompat();
  const { runtime, lib } = internals;
  const SafeString = nunjucks.runtime.SafeString;

  const compatLookup = runtime.memberLookup;
  runtime.memberLookup = function memberLookup(this: unknown, object, key, ...slice) {
    if (state.depth === 0) return compatLookup.call(this, object, key, ...slice);
    if (typeof object === "string") {
      // The compat slices a string into a list of characters; Python's slice is a string.
      if (slice.length === 2)
        return (compatLookup.call(this, object, key, ...slice) as string[]).join("");
      if (typeof key === "string" && Object.hasOwn(STRING_METHODS, key))
        return (STRING_METHODS[key] as (...args: unknown[]) => unknown).bind(object);
    }
    const negative = typeof key === "number" && Number.isInteger(key) && key < 0;
    const index =
      negative && (typeof object === "string" || Array.isArray(object)) ? object.length + key : key;
    return compatLookup.call(this, object, index, ...slice);
  };

  const suppressValue = runtime.suppressValue;
  runtime.suppressValue = (value, autoescape) => {
    if (state.depth === 0) return suppressValue(value, autoescape);
    if (value instanceof SafeString) return value;
    const text = typeof value === "string" ? value : pythonStr(value);
    return autoescape ? markupEscape(text) : text;
  };

  const nunjucksEscape = lib.escape;
  lib.escape = (text) => (state.depth === 0 ? nunjucksEscape(text) : markupEscape(text));
  runtime.jinjaTruthy = (value: unknown) =>
    state.depth === 0 ? Boolean(value) : pythonTruthy(value);
  runtime.jinjaMarkup = (value: unknown, autoescape: boolean) =>
    state.depth > 0 && autoescape && typeof value === "string" ? new SafeString(value) : value;
  installCompilerPatches();
  installParserPatches();
  return state;
}

const state = install();

/**
 * Runs a render with Jinja2's semantics on (Python's printing, escaping and truthiness).
 * Renders are synchronous, so the count is exact when the render returns or throws.
 * @example const html = renderAsJinja(() => environment.render("page.html", context));
 */
export function renderAsJinja<T>(render: () => T): T {
  state.depth += 1;
  try {
    return render();
  } finally {
    state.depth -= 1;
  }
}
