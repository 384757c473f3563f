import type { ConverterArgument, ConverterArguments } from "./converters.js";

/**
 * One argument as Werkzeug's `parse_converter_args` reads it: an optional `name =`, then a
 * Python literal (`True`, `False`, a number, a bare word, or a quoted string taken verbatim,
 * backslashes kept), then the comma that ends it. Ported from `_converter_args_re`, numbers
 * also signed (`min=-5`, a Python literal that Werkzeug's pattern leaves out).
 */
const ARGUMENT =
  /\s*(?:(\w+)\s*=\s*)?(True|False|-?\d+.\d+|-?\d+.|-?\d+|[\w.]+|[urUR]?("[^"]*?"|'[^']*'))\s*,/y;

const PYTHON_CONSTANTS: Readonly<Record<string, ConverterArgument>> = {
  None: null,
  True: true,
  False: false,
};

const PYTHON_INT = /^\s*[+-]?\d+(?:_\d+)*\s*$/;
const PYTHON_FLOAT =
  /^\s*[+-]?(?:(?:\d+(?:_\d+)*)?\.?\d+(?:_\d+)*(?:e[+-]?\d+)?|\d+\.|inf(?:inity)?|nan)\s*$/i;

/** Werkzeug's `_pythonize`: a constant, an int, a float, else the text without its quotes. */
function pythonize(value: string): ConverterArgument {
  if (Object.hasOwn(PYTHON_CONSTANTS, value)) return PYTHON_CONSTANTS[value] as ConverterArgument;
  if (PYTHON_INT.test(value)) return Number(value.replaceAll("_", ""));
  if (PYTHON_FLOAT.test(value)) {
    const text = value.trim().toLowerCase().replaceAll("_", "");
    if (text.endsWith("nan")) return Number.NaN;
    if (text.includes("inf")) return text.startsWith("-") ? -Infinity : Infinity;
    return Number(text);
  }
  const first = value[0];
  if (value.length >= 2 && (first === '"' || first === "'") && value.at(-1) === first) {
    return value.slice(1, -1);
  }
  return value;
}

/** Converter arguments that cannot be read: the text, and the part where reading stopped. */
export class ConverterArgumentsError extends Error {
  constructor(
    readonly text: string,
    readonly unreadable: string,
  ) {
    super(
      `cannot parse the converter argument '${unreadable.replace(/,$/, "")}' in (${text}): write arguments as Python literals separated by commas, e.g. (min=0, max=500), ('a', 'b') or (None)`,
    );
    this.name = "ConverterArgumentsError";
  }
}

/**
 * Parses the arguments of `<converter(args):name>` as Werkzeug's `parse_converter_args` does:
 * `None`, `True`, `False` and numbers are Python literals, quoted strings are kept verbatim
 * (a `\d` stays `\d`), positional and named arguments may mix. Text that is not a list of such
 * arguments (`min=0;max=500`, `a b`, `=1`, `x=`) throws `ConverterArgumentsError`; Werkzeug
 * skips a trailing remainder it cannot read, which this refuses as well.
 * @example parseConverterArgs("test, a=1, b=3.0"); // { positional: ["test"], named: { a: 1, b: 3 } }
 */
export function parseConverterArgs(text: string): ConverterArguments {
  const source = `${text},`;
  const positional: ConverterArgument[] = [];
  const named: Record<string, ConverterArgument> = {};
  let position = 0;
  // An empty list, or one that is only a trailing comma after the last argument, is complete.
  while (position < source.length && source.slice(position).trim() !== ",") {
    ARGUMENT.lastIndex = position;
    const found = ARGUMENT.exec(source);
    if (!found) throw new ConverterArgumentsError(text, source.slice(position));
    const [, name, value = "", quoted] = found;
    const argument = pythonize(quoted ?? value);
    if (name === undefined) positional.push(argument);
    else named[name] = argument;
    position = ARGUMENT.lastIndex;
  }
  return { positional, named };
}
