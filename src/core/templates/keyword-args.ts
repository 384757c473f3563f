/** Nunjucks passes `f(a, key=b)` as `f(a, { key: b, __keywords: true })`. @example isKeywords({ key: 1, __keywords: true }); // true */
export function isKeywords(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && "__keywords" in value;
}

/**
 * The arguments of a call in Python's order: keyword arguments go to the place their name has
 * in `parameters`, positional ones stay first.
 * @example pythonArguments([",", { attribute: "name", __keywords: true }], ["d", "attribute"]); // [",", "name"]
 */
export function pythonArguments(
  args: readonly unknown[],
  parameters: readonly string[],
): unknown[] {
  const last = args.at(-1);
  if (!isKeywords(last)) return [...args];
  const positional: unknown[] = args.slice(0, -1);
  for (const [name, value] of Object.entries(last)) {
    if (name === "__keywords") continue;
    const index = parameters.indexOf(name);
    if (index === -1)
      throw new TypeError(
        `Unexpected keyword argument '${name}': this filter takes ${parameters.join(", ") || "no arguments"}.`,
      );
    if (index < positional.length && positional[index] !== undefined)
      throw new TypeError(`The argument '${name}' was given twice, by position and by name.`);
    positional[index] = value;
  }
  return positional;
}

/**
 * A filter that accepts Python's keyword arguments for `parameters` (the arguments after the
 * value), as Jinja2's builtin filters do: `items|join(", ", attribute="name")`.
 * @example withKeywords(nunjucksJoin, ["d", "attribute"]);
 */
export function withKeywords<T>(
  filter: (this: T, value: unknown, ...args: never[]) => unknown,
  parameters: readonly string[],
): (this: T, value: unknown, ...args: unknown[]) => unknown {
  return function keywordFilter(this: T, value: unknown, ...args: unknown[]) {
    return filter.call(this, value, ...(pythonArguments(args, parameters) as never[]));
  };
}

/** Nunjucks passes keyword arguments (`url_for('x', id=3)`) as a last object marked `__keywords`. */
export function keywordArguments(params: unknown): Readonly<Record<string, unknown>> | undefined {
  if (typeof params !== "object" || params === null) return undefined;
  if (!("__keywords" in params)) return params as Record<string, unknown>;
  const { __keywords: _, ...rest } = params as Record<string, unknown>;
  return rest;
}
