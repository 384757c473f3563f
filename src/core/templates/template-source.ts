import { TemplateNotFound } from "../errors.js";

/**
 * A template's source as Jinja2 reads it: line endings made `\n`, and one final newline
 * dropped (Jinja2's `keep_trailing_newline=False`, Flask's setting), so that a page ends
 * where Flask's does.
 * @example jinjaSource("<p>hi</p>\r\n"); // "<p>hi</p>"
 */
export function jinjaSource(source: string): string {
  const normalized = source.replace(/\r\n?/g, "\n");
  return normalized.endsWith("\n") ? normalized.slice(0, -1) : normalized;
}

/** Nunjucks' own error when every loader returned null and `ignore missing` was not given. */
function isNunjucksNotFound(error: unknown, name: unknown): boolean {
  return error instanceof Error && error.message === `template not found: ${String(name)}`;
}

/**
 * Calls Nunjucks' `getTemplate` with `args` (its arguments after the name and eagerCompile),
 * turning its "template not found" into a `TemplateNotFound` that lists the folders searched.
 * The loader returns null for a missing template, as Nunjucks expects, so that
 * `{% include "x.html" ignore missing %}` renders nothing.
 * @example missingAsTemplateNotFound("x.html", searched, (...tail) => getTemplate("x.html", true, ...tail), [callback]);
 */
export function missingAsTemplateNotFound(
  name: unknown,
  searched: readonly string[],
  getTemplate: (...args: unknown[]) => unknown,
  args: readonly unknown[],
): unknown {
  const upgrade = (error: unknown) =>
    isNunjucksNotFound(error, name) ? new TemplateNotFound(String(name), searched) : error;
  const last = args.at(-1);
  if (typeof last !== "function") {
    try {
      return getTemplate(...args);
    } catch (error) {
      throw upgrade(error);
    }
  }
  const callback = last as (error: unknown, template?: unknown) => void;
  return getTemplate(...args.slice(0, -1), (error: unknown, template?: unknown) =>
    callback(error ? upgrade(error) : error, template),
  );
}

/**
 * The template an `include` or `extends` of a list of names means (Jinja2's
 * `select_template`): the first that exists; the first name when none does, so that the
 * error names it. A single name is returned as it is.
 * @example chooseTemplate(["custom.html", "default.html"], exists); // "default.html" when only it exists
 */
export function chooseTemplate(requested: unknown, exists: (name: string) => boolean): unknown {
  if (!Array.isArray(requested)) return requested;
  const names = requested.map(String);
  return names.find(exists) ?? names[0];
}
