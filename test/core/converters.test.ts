import { type ConverterSpec, ValidationError } from "microservices-app";
import { describe, expect, it } from "vitest";
import { BUILTIN_CONVERTERS } from "../../src/core/routing/builtin-converters.js";
import {
  completeConverter,
  instantiateConverter,
  WEIGHT,
} from "../../src/core/routing/converters.js";
import { accepts, converter, matcher, thrown } from "./support.js";

/** The value a converter gives `text`, as the matcher sees it: regex first, then `toValue`. */
function matchedValue(placeholder: string, text: string): unknown {
  const target = converter(placeholder);
  if (!accepts(target, text)) return "(no match)";
  try {
    return target.toValue(text);
  } catch (error) {
    if (error instanceof ValidationError) return "(rejected)";
    throw error;
  }
}

/** Expects `toUrl` to reject `value` with a ValidationError carrying `message`. */
function expectRejected(placeholder: string, value: unknown, message: string) {
  const error = thrown(() => converter(placeholder).toUrl(value));
  expect(error).toBeInstanceOf(ValidationError);
  expect(error.name).toBe("ValidationError");
  expect(error.message).toBe(message);
}

describe("string converter (the default)", () => {
  it("is what <name> uses", () => {
    expect(converter("<x>").regex).toBe(converter("<string:x>").regex);
  });

  it.each([
    ["abc", "abc"],
    ["a b", "a b"],
    ["café", "café"],
    ["a.b-c", "a.b-c"],
    ["", "(no match)"],
    ["a/b", "(no match)"],
  ])("gives %j the value %j", (text, value) => {
    expect(matchedValue("<x>", text)).toBe(value);
  });

  it.each([
    ["<string(minlength=2, maxlength=3):x>", "a", "(no match)"],
    ["<string(minlength=2, maxlength=3):x>", "ab", "ab"],
    ["<string(minlength=2, maxlength=3):x>", "abc", "abc"],
    ["<string(minlength=2, maxlength=3):x>", "abcd", "(no match)"],
    ["<string(length=2):x>", "a", "(no match)"],
    ["<string(length=2):x>", "ab", "ab"],
    ["<string(length=2):x>", "abc", "(no match)"],
  ])("%s gives %j the value %j", (placeholder, text, value) => {
    expect(matchedValue(placeholder, text)).toBe(value);
  });

  it("writes values percent-encoded, but for Werkzeug's safe set !$&'()*+,:;=@", () => {
    expect(converter("<x>").toUrl("a b&c?é")).toBe("a%20b&c%3F%C3%A9");
    expect(converter("<x>").toUrl("x:y")).toBe("x:y");
    expect(converter("<x>").toUrl("a@b.c")).toBe("a@b.c");
    expect(converter("<x>").toUrl("!$&'()*+,:;=@")).toBe("!$&'()*+,:;=@");
    expect(converter("<x>").toUrl(5)).toBe("5");
  });

  it.each([
    ["<x>", "a/b", "'a/b' contains a slash, which a string value cannot"],
    ["<string(length=2):x>", "a", "'a' does not have the length the rule asks for"],
    ["<string(maxlength=2):x>", "abc", "'abc' does not have the length the rule asks for"],
    ["<x>", { id: 1 }, '{"id":1} is not a string or a number'],
    ["<x>", undefined, "undefined is not a string or a number"],
  ])("%s rejects %o in toUrl", (placeholder, value, message) => {
    expectRejected(placeholder, value, message);
  });
});

describe("int converter", () => {
  it.each([
    ["0", 0],
    ["42", 42],
    ["007", 7],
    ["9007199254740991", Number.MAX_SAFE_INTEGER],
    ["-1", "(no match)"],
    ["+1", "(no match)"],
    ["1.5", "(no match)"],
    ["1e3", "(no match)"],
    ["abc", "(no match)"],
    ["", "(no match)"],
  ])("gives %j the value %j", (text, value) => {
    expect(matchedValue("<int:x>", text)).toBe(value);
  });

  it("gives a number, not a string", () => {
    expect(typeof converter("<int:x>").toValue("42")).toBe("number");
  });

  it.each(["9007199254740992", "9007199254740993", "99999999999999999999999"])(
    "does not match past Number.MAX_SAFE_INTEGER (%s)",
    (text) => {
      const error = thrown(() => converter("<int:x>").toValue(text));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.message).toBe(`'${text}' is not an int`);
    },
  );

  it.each([
    ["0", "(rejected)"],
    ["1", 1],
    ["9", 9],
    ["10", "(rejected)"],
  ])("with min=1, max=9 gives %j the value %j", (text, value) => {
    expect(matchedValue("<int(min=1, max=9):x>", text)).toBe(value);
  });

  it.each([
    ["0042", 42],
    ["42", "(no match)"],
    ["12345", "(no match)"],
  ])("with fixed_digits=4 gives %j the value %j", (text, value) => {
    expect(matchedValue("<int(fixed_digits=4):x>", text)).toBe(value);
  });

  it.each([
    ["-5", -5],
    ["5", 5],
  ])("with signed=True gives %j the value %j", (text, value) => {
    expect(matchedValue("<int(signed=True):x>", text)).toBe(value);
  });

  it.each([
    ["<int:x>", 42, "42"],
    ["<int:x>", "42", "42"],
    ["<int:x>", Number.MAX_SAFE_INTEGER, "9007199254740991"],
    ["<int(fixed_digits=4):x>", 7, "0007"],
    ["<int(signed=True):x>", -5, "-5"],
    ["<int(signed=True, fixed_digits=3):x>", -5, "-005"],
  ])("%s writes %j as %j", (placeholder, value, text) => {
    expect(converter(placeholder).toUrl(value)).toBe(text);
  });

  it.each([
    ["<int:x>", "abc", "'abc' is not an int"],
    ["<int:x>", 1.5, "1.5 is not an int"],
    ["<int:x>", 2 ** 53, "9007199254740992 is not an int"],
    ["<int:x>", "9007199254740993", "'9007199254740993' is not an int"],
    ["<int:x>", Number.NaN, "NaN is not an int"],
    ["<int:x>", null, "null is not an int"],
    ["<int:x>", true, "true is not an int"],
    ["<int:x>", -1, "-1 is negative, and the rule is not signed"],
    ["<int(min=1, max=9):x>", 10, "10 is out of the range the rule allows"],
    ["<int(min=1, max=9):x>", 0, "0 is out of the range the rule allows"],
  ])("%s rejects %o in toUrl", (placeholder, value, message) => {
    expectRejected(placeholder, value, message);
  });
});

describe("int converter with fixed_digits", () => {
  it("pads short values and refuses to write a value its rule would not match", () => {
    expect(converter("<int(fixed_digits=4):x>").toUrl(12)).toBe("0012");
    expectRejected(
      "<int(fixed_digits=4):x>",
      12345,
      "12345 has more than the 4 digits the rule allows",
    );
  });
});

describe("float converter", () => {
  it.each([
    ["1.5", 1.5],
    ["0.0", 0],
    ["10.25", 10.25],
    ["1", "(no match)"],
    [".5", "(no match)"],
    ["1.", "(no match)"],
    ["1e5", "(no match)"],
    ["-1.5", "(no match)"],
  ])("gives %j the value %j (a decimal point is needed)", (text, value) => {
    expect(matchedValue("<float:x>", text)).toBe(value);
  });

  it("rejects a value too large to be a finite number", () => {
    expect(matchedValue("<float:x>", `${"9".repeat(400)}.0`)).toBe("(rejected)");
  });

  it("with signed=True accepts negative values", () => {
    expect(matchedValue("<float(signed=True):x>", "-1.5")).toBe(-1.5);
    expect(converter("<float(signed=True):x>").toUrl(-0.5)).toBe("-0.5");
  });

  it("with min and max rejects values out of range", () => {
    expect(matchedValue("<float(min=0.5, max=2.5):x>", "0.25")).toBe("(rejected)");
    expect(matchedValue("<float(min=0.5, max=2.5):x>", "2.5")).toBe(2.5);
    expectRejected("<float(max=2.5):x>", 3.5, "3.5 is out of the range the rule allows");
  });

  it.each([
    [1, "1.0"],
    [0, "0.0"],
    [1.5, "1.5"],
    [123456.789, "123456.789"],
    [1e21, "1000000000000000000000.0"],
  ])("writes %j as %j", (value, text) => {
    expect(converter("<float:x>").toUrl(value)).toBe(text);
  });

  it.each([
    1,
    0.1,
    1.5,
    123456.789,
    1e21,
    1e-7,
    1e-20,
    Number.MAX_VALUE,
    1.2345678901234e-90,
    1e-300,
    Number.MIN_VALUE,
  ])("writes %d without exponent notation, and reads it back", (value) => {
    const float = converter("<float:x>");
    const text = float.toUrl(value);
    // Digits, a decimal point, digits: what the rule's own regex accepts.
    expect(text).toMatch(/^\d+\.\d+$/);
    expect(accepts(float, text)).toBe(true);
    expect(float.toValue(text)).toBe(value);
  });

  it.each([
    ["1.5", "'1.5' is not a float"],
    [Number.NaN, "NaN is not a float"],
    [Number.POSITIVE_INFINITY, "Infinity is not a float"],
    [-1.5, "-1.5 is negative, and the rule is not signed"],
  ])("rejects %o in toUrl", (value, message) => {
    expectRejected("<float:x>", value, message);
  });
});

describe("uuid converter", () => {
  const id = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";

  it.each([
    [id, id],
    [id.toUpperCase(), id],
    ["a0eebc99-9c0b-4ef8-bb6d", "(no match)"],
    ["a0eebc999c0b4ef8bb6d6bb9bd380a11", "(no match)"],
    ["g0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "(no match)"],
  ])("gives %j the value %j (lower-cased)", (text, value) => {
    expect(matchedValue("<uuid:x>", text)).toBe(value);
  });

  it("writes a uuid lower-cased", () => {
    expect(converter("<uuid:x>").toUrl(id.toUpperCase())).toBe(id);
  });

  it.each([
    ["not-a-uuid", "'not-a-uuid' is not a uuid"],
    [42, "42 is not a uuid"],
  ])("rejects %o in toUrl", (value, message) => {
    expectRejected("<uuid:x>", value, message);
  });
});

describe("slug converter", () => {
  it.each([
    ["hello-world_2", "hello-world_2"],
    ["a.b", "(no match)"],
    ["héllo", "(no match)"],
    ["a b", "(no match)"],
  ])("gives %j the value %j", (text, value) => {
    expect(matchedValue("<slug:x>", text)).toBe(value);
  });

  it("writes a slug as is, and rejects what is not one", () => {
    expect(converter("<slug:x>").toUrl("my-post")).toBe("my-post");
    expectRejected("<slug:x>", "my post", "'my post' is not a slug");
  });
});

describe("path converter", () => {
  it.each([
    ["a", "a"],
    ["a/b/c.txt", "a/b/c.txt"],
    ["a/", "a/"],
    ["/a", "(no match)"],
    ["", "(no match)"],
  ])("gives %j the value %j (it may contain '/')", (text, value) => {
    expect(matchedValue("<path:x>", text)).toBe(value);
  });

  it("may cross a '/', and comes last in precedence", () => {
    const path = converter("<path:x>");
    expect(path.partIsolating).toBe(false);
    for (const other of ["<x>", "<slug:x>", "<int:x>", "<float:x>", "<uuid:x>", "<any(a):x>"]) {
      expect(path.weight).toBeGreaterThan(converter(other).weight);
    }
  });

  it("writes each segment percent-encoded and keeps the slashes", () => {
    expect(converter("<path:x>").toUrl("docs/a b/é.txt")).toBe("docs/a%20b/%C3%A9.txt");
  });

  it.each([
    ["", "'' is not a path: it must be non-empty and not start with '/'"],
    ["/etc/passwd", "'/etc/passwd' is not a path: it must be non-empty and not start with '/'"],
  ])("rejects %o in toUrl", (value, message) => {
    expectRejected("<path:x>", value, message);
  });
});

describe("any converter", () => {
  const placeholder = "<any(a, b, 'c d', 'e.f'):x>";

  it.each([
    ["a", "a"],
    ["c d", "c d"],
    ["e.f", "e.f"],
    ["exf", "(no match)"],
    ["ab", "(no match)"],
    ["A", "(no match)"],
  ])("gives %j the value %j", (text, value) => {
    expect(matchedValue(placeholder, text)).toBe(value);
  });

  it("writes one of its words percent-encoded, and rejects any other", () => {
    expect(converter(placeholder).toUrl("c d")).toBe("c%20d");
    expectRejected(placeholder, "z", "'z' is not one of 'a', 'b', 'c d', 'e.f'");
  });
});

describe("precedence weights", () => {
  it("puts int, float, uuid and any before string and slug, and path last", () => {
    const constrained = ["<int:x>", "<float:x>", "<uuid:x>", "<any(a):x>"].map(
      (placeholder) => converter(placeholder).weight,
    );
    const free = ["<x>", "<slug:x>"].map((placeholder) => converter(placeholder).weight);
    expect(new Set(constrained)).toEqual(new Set([WEIGHT.constrained]));
    expect(new Set(free)).toEqual(new Set([WEIGHT.free]));
    expect(converter("<path:x>").weight).toBe(WEIGHT.path);
    expect(WEIGHT.constrained).toBeLessThan(WEIGHT.free);
    expect(WEIGHT.free).toBeLessThan(WEIGHT.path);
  });
});

describe("custom converters", () => {
  it("fill in the defaults: constrained weight, one segment, text as is, encoded in URLs", () => {
    const custom = completeConverter({ regex: "[a-z]+" });
    expect(custom.weight).toBe(WEIGHT.constrained);
    expect(custom.partIsolating).toBe(true);
    expect(custom.toValue("abc")).toBe("abc");
    expect(custom.toUrl("a b")).toBe("a%20b");
    expect(() => custom.toUrl({})).toThrow("{} is not a string or a number");
  });

  it("keep the functions they give", () => {
    const date: ConverterSpec<Date> = {
      regex: "\\d{4}-\\d{2}-\\d{2}",
      toValue: (text) => new Date(`${text}T00:00:00Z`),
      toUrl: (value) => value.toISOString().slice(0, 10),
    };
    const custom = completeConverter(date);
    expect(custom.toValue("2024-02-29")).toEqual(new Date("2024-02-29T00:00:00Z"));
    expect(custom.toUrl(new Date("2024-02-29T00:00:00Z"))).toBe("2024-02-29");
  });

  it("refuse arguments when they are a plain spec", () => {
    const error = thrown(() =>
      instantiateConverter("date", { regex: "x" }, { positional: [1], named: {} }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe("the converter 'date' takes no arguments");
  });

  it("are called with the rule's arguments when they are a factory", () => {
    const fixed = instantiateConverter(
      "fixed",
      ({ positional }) => ({ regex: `\\d{${positional[0]}}` }),
      { positional: [3], named: {} },
    );
    expect(fixed.regex).toBe("\\d{3}");
  });
});

describe("BUILTIN_CONVERTERS", () => {
  it("has string, slug, int, float, uuid, path and any, and is frozen", () => {
    expect(Object.keys(BUILTIN_CONVERTERS)).toEqual([
      "string",
      "slug",
      "int",
      "float",
      "uuid",
      "path",
      "any",
    ]);
    expect(Object.isFrozen(BUILTIN_CONVERTERS)).toBe(true);
  });
});

describe("an int variable in a route", () => {
  it("does not match past Number.MAX_SAFE_INTEGER", () => {
    const routes = matcher(["/n/<int:id>", "by_int"]);
    expect(routes.match("GET", "/n/9007199254740991")).toMatchObject({
      kind: "match",
      values: [Number.MAX_SAFE_INTEGER],
    });
    expect(routes.match("GET", "/n/9007199254740992")).toEqual({ kind: "none" });
  });
});
