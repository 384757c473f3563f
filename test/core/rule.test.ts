import { InvalidURLRule } from "microservices-app";
import { describe, expect, it } from "vitest";
import { BUILTIN_CONVERTERS } from "../../src/core/routing/builtin-converters.js";
import { parseRule } from "../../src/core/routing/parse-rule.js";
import { compileRule } from "../../src/core/routing/rule.js";
import { compile, thrown } from "./support.js";

const variable = (
  name: string,
  converter: string,
  source: string,
  signature: string,
  args?: { positional: unknown[]; named: Record<string, unknown> },
) => ({ type: "variable", name, converter, args, source, signature });

describe("parseRule", () => {
  describe("syntax", () => {
    it("reads static text as one token", () => {
      expect(parseRule("/about/team/")).toEqual([{ type: "static", text: "/about/team/" }]);
    });

    it("reads <name> as a string variable", () => {
      expect(parseRule("/users/<username>/")).toEqual([
        { type: "static", text: "/users/" },
        variable("username", "string", "<username>", "<string>"),
        { type: "static", text: "/" },
      ]);
    });

    it("reads <int:name> as a variable with its converter", () => {
      expect(parseRule("/roles/<int:role_id>")).toEqual([
        { type: "static", text: "/roles/" },
        variable("role_id", "int", "<int:role_id>", "<int>"),
      ]);
    });

    it("reads named converter arguments: <int(min=1, max=9):page>", () => {
      expect(parseRule("/<int(min=1, max=9):page>")[1]).toEqual(
        variable(
          "page",
          "int",
          "<int(min=1, max=9):page>",
          '<int{"positional":[],"named":{"min":1,"max":9}}>',
          { positional: [], named: { min: 1, max: 9 } },
        ),
      );
    });

    it("reads positional converter arguments, quoted ones included: <any(a, b, 'c d'):kind>", () => {
      expect(parseRule("/<any(a, b, 'c d'):kind>")[1]).toMatchObject({
        name: "kind",
        converter: "any",
        args: { positional: ["a", "b", "c d"], named: {} },
      });
    });

    it.each([
      ["a number", "1", 1],
      ["a negative decimal", "-2.5", -2.5],
      ["True", "True", true],
      ["False", "False", false],
      ["None", "None", null],
      ["false (not a Python literal: a bare word)", "false", "false"],
      ["a single-quoted string", "'x, y'", "x, y"],
      ["a double-quoted string", '"7"', "7"],
      ["a backslash, kept as Werkzeug keeps it", "'\\d+'", "\\d+"],
      ["a quoted ')' and '?'", "'a)?b'", "a)?b"],
      ["a bare word", "red", "red"],
    ])("reads %s as a converter argument", (_, text, value) => {
      expect(parseRule(`/<any(${text}):x>`)[1]).toMatchObject({
        args: { positional: [value], named: {} },
      });
    });

    it("reads several variables and the static text between them", () => {
      expect(
        parseRule("/<int:year>-<int:month>/<slug:title>.html").map((token) =>
          token.type === "static" ? token.text : `<${token.name}>`,
        ),
      ).toEqual(["/", "<year>", "-", "<month>", "/", "<title>", ".html"]);
    });
  });

  describe("errors (InvalidURLRule)", () => {
    it.each([
      ["an empty rule", "", 'a rule must be a non-empty string such as "/about/".'],
      [
        "a rule without the leading slash",
        "admin/",
        'a rule must start with "/"; write "/admin/".',
      ],
      [
        "a '?' in the rule",
        "/search?q=1",
        "'?' at position 7 is not allowed: a rule matches the path only, not the query string or fragment.",
      ],
      [
        "a '#' in the rule",
        "/page/#top",
        "'#' at position 6 is not allowed: a rule matches the path only, not the query string or fragment.",
      ],
      [
        "an unclosed '<'",
        "/users/<int:id",
        "'<' at position 7 does not start a valid placeholder: write <name>, <converter:name> or <converter(args):name>, where names are letters, digits and '_'.",
      ],
      ["an empty placeholder", "/users/<>", "'<' at position 7 does not start a valid placeholder"],
      [
        "a name starting with a digit",
        "/users/<1id>",
        "'<' at position 7 does not start a valid placeholder",
      ],
      ["a stray '>'", "/users/id>", "'>' at position 9 closes no placeholder."],
      [
        "a duplicated variable name",
        "/<int:id>/<slug:id>",
        "the variable 'id' appears twice; give each variable its own name.",
      ],
      [
        "arguments separated by ';'",
        "/<int(min=0;max=500):k>",
        "cannot parse the converter argument 'min=0;max=500' in (min=0;max=500)",
      ],
      [
        "arguments separated by a space",
        "/<any(a b):k>",
        "cannot parse the converter argument 'a b'",
      ],
      ["an argument without a name", "/<any(=1):k>", "cannot parse the converter argument '=1'"],
      ["an argument without a value", "/<any(x=):k>", "cannot parse the converter argument 'x='"],
    ])("refuses %s", (_, rule, reason) => {
      const call = () => parseRule(rule);
      expect(call).toThrow(InvalidURLRule);
      expect(call).toThrow(`Invalid url rule ${JSON.stringify(rule)}: ${reason}`);
      expect(thrown(call)).toMatchObject({ rule, reason: expect.stringContaining(reason) });
    });

    it("names its owner in the message", () => {
      expect(() => parseRule("admin/", 'module "admin"')).toThrow(
        'Invalid url rule "admin/" in module "admin": a rule must start with "/"',
      );
    });
  });
});

describe("compileRule", () => {
  it("lists the variables in order", () => {
    expect(compile("/<int:year>/<slug:title>/").variables).toEqual(["year", "title"]);
  });

  it("splits the rule into segments for the matcher", () => {
    const compiled = compile("/users/<int:id>/edit");
    expect(compiled.segments.map((segment) => segment.type)).toEqual([
      "static",
      "dynamic",
      "static",
    ]);
    expect(compiled.segments[0]).toEqual({ type: "static", text: "users" });
    expect(compiled.tail).toBeUndefined();
  });

  it("ends a rule ending in '/' with an empty static segment", () => {
    expect(compile("/admin/").segments).toEqual([
      { type: "static", text: "admin" },
      { type: "static", text: "" },
    ]);
  });

  it("matches a path converter and all that follows it as one tail", () => {
    const compiled = compile("/files/<path:file>/edit");
    expect(compiled.segments).toEqual([{ type: "static", text: "files" }]);
    expect(compiled.tail?.regex.test("a/b/edit")).toBe(true);
  });

  it("gives rules that differ only by variable names the same key", () => {
    expect(compile("/a/<int:x>/").key).toBe(compile("/a/<int:y>/").key);
    expect(compile("/a/<name>").key).toBe(compile("/a/<string:other>").key);
  });

  it("gives rules with different converters or arguments different keys", () => {
    expect(compile("/a/<int:x>").key).not.toBe(compile("/a/<x>").key);
    expect(compile("/a/<int:x>").key).not.toBe(compile("/a/<int(max=9):x>").key);
  });

  it("keeps the pieces urlFor joins, static text URI-encoded", () => {
    expect(compile("/café/<int:id>/").build).toEqual(["/caf%C3%A9/", 0, "/"]);
  });

  describe("errors (InvalidURLRule)", () => {
    it("refuses an unknown converter, listing the converters", () => {
      const call = () => compile("/x/<bogus:y>");
      expect(call).toThrow(InvalidURLRule);
      expect(call).toThrow(
        `Invalid url rule "/x/<bogus:y>": the converter 'bogus' of <bogus:y> does not exist. Converters: string, slug, int, float, uuid, path, any; add your own with the converters option.`,
      );
    });

    it("does not take a name of Object.prototype for a converter", () => {
      expect(() => compile("/x/<constructor:y>")).toThrow(
        "the converter 'constructor' of <constructor:y> does not exist",
      );
    });

    it.each([
      [
        "an argument the converter does not have",
        "/<int(foo=1):x>",
        "the converter 'int' has no argument 'foo' (it takes fixed_digits, min, max, signed) (in <int(foo=1):x>).",
      ],
      [
        "a maxlength under the minlength, which no text could match",
        "/<string(maxlength=0):x>",
        "the maxlength of 'string' (0) is less than its minlength (1); no text would match (in <string(maxlength=0):x>).",
      ],
      [
        "too many positional arguments",
        "/<string(1, 2, 3, 4):x>",
        "the converter 'string' takes at most 3 arguments (in <string(1, 2, 3, 4):x>).",
      ],
      [
        "a word for a number",
        "/<int(min=low):x>",
        "the argument 'min' of 'int' must be a number (in <int(min=low):x>).",
      ],
      [
        "arguments to a converter that takes none",
        "/<uuid(4):x>",
        "the converter 'uuid' takes no arguments (in <uuid(4):x>).",
      ],
      [
        "named arguments to any",
        "/<any(a=1):x>",
        "the converter 'any' takes only the accepted words, without names (in <any(a=1):x>).",
      ],
      [
        "any without words",
        "/<any():x>",
        "the converter 'any' needs at least one word, e.g. any(a, b) (in <any():x>).",
      ],
    ])("refuses %s", (_, rule, reason) => {
      const call = () => compile(rule);
      expect(call).toThrow(InvalidURLRule);
      expect(call).toThrow(`Invalid url rule ${JSON.stringify(rule)}: ${reason}`);
    });

    it("compiles with the converters it is given, custom ones included", () => {
      const rule = "/d/<date:day>";
      const compiled = compileRule(rule, parseRule(rule), {
        ...BUILTIN_CONVERTERS,
        date: { regex: "\\d{4}-\\d{2}-\\d{2}" },
      });
      expect(compiled.converters[0]?.regex).toBe("\\d{4}-\\d{2}-\\d{2}");
    });
  });
});
