import { isPlainObject, pythonRepr, pythonStr } from "./python-str.js";

/** One `%` specifier: `%(key)-08.3f`. */
const SPECIFIER =
  /%(?:\(([^)]*)\))?([-+ 0#]*)(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])?/g;

/** A number as Python's `%f` writes it: ties go to the even digit, as Python's rounding does. @example fixedDigits(2.25, 1); // "2.2" */
export function fixedDigits(value: number, digits: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 1e21) {
    return BigInt(magnitude).toString() + (digits > 0 ? `.${"0".repeat(digits)}` : "");
  }
  const rounded = magnitude.toFixed(digits);
  // toFixed rounds an exact tie up; Python rounds it to even. A double's decimal expansion
  // ends within 30 more digits whenever it is an exact tie at this precision.
  const exact = magnitude.toFixed(Math.min(100, digits + 30));
  const cut = exact.length - 30;
  if (!/^50*$/.test(exact.slice(cut))) return rounded;
  const truncated = exact.slice(0, digits === 0 ? cut - 1 : cut);
  const lastDigit = Number(truncated.replace(".", "").at(-1));
  return lastDigit % 2 === 0 ? truncated : rounded;
}

/** `%e`: the exponent with its sign and at least two digits, as C and Python write it. */
function exponential(value: number, digits: number, upper: boolean): string {
  const text = Math.abs(value)
    .toExponential(digits)
    .replace(/e([+-])(\d)$/, "e$10$2");
  return upper ? text.toUpperCase() : text;
}

/** `%g`: the shorter of `%f` and `%e` at a precision, trailing zeros dropped unless `#`. */
function general(value: number, precision: number, upper: boolean, alternate: boolean): string {
  const digits = precision === 0 ? 1 : precision;
  const exponent = Number(
    Math.abs(value)
      .toExponential(digits - 1)
      .split("e")[1],
  );
  const text =
    exponent >= -4 && exponent < digits
      ? fixedDigits(value, digits - 1 - exponent)
      : exponential(value, digits - 1, upper);
  if (alternate) return text;
  if (!text.includes(".")) return text;
  return text.replace(/(\.\d*?)0+(?=[eE]|$)/, "$1").replace(/\.(?=[eE]|$)/, "");
}

function numberArgument(value: unknown, conversion: string): number {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number") return value;
  throw new TypeError(
    `%${conversion} format: a real number is required, not ${value === null ? "None" : typeof value} (the format filter takes Python's % formats).`,
  );
}

/** The text of one conversion, without sign, padding or width. */
function convert(
  value: unknown,
  conversion: string,
  precision: number | undefined,
  alternate: boolean,
): string {
  switch (conversion) {
    case "s": {
      const text = pythonStr(value);
      return precision === undefined ? text : text.slice(0, precision);
    }
    case "r":
    case "a":
      return pythonRepr(value);
    case "c":
      return typeof value === "number" ? String.fromCodePoint(value) : String(value);
    case "d":
    case "i":
    case "u":
      return Math.trunc(Math.abs(numberArgument(value, conversion))).toString();
    case "x":
    case "X":
    case "o": {
      const number = Math.trunc(Math.abs(numberArgument(value, conversion)));
      if (!Number.isInteger(numberArgument(value, conversion)))
        throw new TypeError(`%${conversion} format: an integer is required, not float.`);
      const text = number.toString(conversion === "o" ? 8 : 16);
      const prefixed = alternate ? (conversion === "o" ? "0o" : "0x") + text : text;
      return conversion === "X" ? prefixed.toUpperCase() : prefixed;
    }
    case "f":
    case "F":
      return fixedDigits(numberArgument(value, conversion), precision ?? 6);
    case "e":
    case "E":
      return exponential(numberArgument(value, conversion), precision ?? 6, conversion === "E");
    default:
      return general(
        numberArgument(value, conversion),
        precision ?? 6,
        conversion === "G",
        alternate,
      );
  }
}

/**
 * Python's `format % values` (Jinja2's `format` filter): `%s %r %d %i %f %e %g %x %o %c %%`
 * with flags, width and precision; `values` is a list (positional) or a dict (`%(name)s`).
 * @example percentFormat("%s has %.2f", ["Ann", 2.5]); // "Ann has 2.50"
 */
export function percentFormat(
  format: string,
  values: readonly unknown[] | Record<string, unknown>,
): string {
  const positional = Array.isArray(values) ? values : undefined;
  let next = 0;
  const take = (): unknown => {
    if (!positional || next >= positional.length)
      throw new TypeError(`Not enough arguments for the format string ${JSON.stringify(format)}.`);
    next += 1;
    return positional[next - 1];
  };
  const result = format.replace(
    SPECIFIER,
    (
      whole,
      key: string | undefined,
      flags: string,
      width?: string,
      precision?: string,
      conversion?: string,
    ) => {
      if (conversion === undefined)
        throw new TypeError(
          `Incomplete format ${JSON.stringify(whole)} in ${JSON.stringify(format)}.`,
        );
      if (conversion === "%") return "%";
      const widthValue = width === "*" ? Number(take()) : width === undefined ? 0 : Number(width);
      const precisionValue =
        precision === "*"
          ? Number(take())
          : precision === undefined
            ? undefined
            : Number(precision);
      let value: unknown;
      if (key !== undefined) {
        if (!isPlainObject(values))
          throw new TypeError(
            `The format ${JSON.stringify(whole)} needs keyword arguments: format(${key}=...).`,
          );
        if (!Object.hasOwn(values, key))
          throw new TypeError(`The format string has %(${key}) but no argument ${key}= was given.`);
        value = values[key];
      } else value = take();
      let text = convert(value, conversion, precisionValue, flags.includes("#"));
      const numeric = !"srac".includes(conversion);
      const negative = numeric && (numberArgument(value, conversion) < 0 || Object.is(value, -0));
      const sign = negative
        ? "-"
        : flags.includes("+") && numeric
          ? "+"
          : flags.includes(" ") && numeric
            ? " "
            : "";
      const pad = widthValue - sign.length - text.length;
      if (pad > 0 && flags.includes("-")) return sign + text + " ".repeat(pad);
      if (pad > 0 && numeric && flags.includes("0")) text = "0".repeat(pad) + text;
      else if (pad > 0) return " ".repeat(pad) + sign + text;
      return sign + text;
    },
  );
  if (positional && next < positional.length)
    throw new TypeError(
      `Not all arguments were converted by the format string ${JSON.stringify(format)}.`,
    );
  return result;
}
