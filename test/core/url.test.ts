import {
  InvalidURLFunction,
  InvalidURLName,
  InvalidURLRule,
  MicroServicesError,
  UnspecifiedURLMethods,
  type URLPattern,
  url,
} from "microservices-app";
import { describe, expect, it } from "vitest";
import { isURLPattern } from "../../src/core/modules/url.js";
import { thrown } from "./support.js";

/** `url()` without its types, for calls a TypeScript user could not write. */
const untypedUrl = url as unknown as (...args: unknown[]) => URLPattern;

function home() {
  return "home";
}

describe("url()", () => {
  describe("defaults (SPEC §10)", () => {
    it('defaults methods to ["GET"] and name to undefined', () => {
      const pattern = url("/", home);
      expect(pattern.methods).toEqual(["GET"]);
      expect(pattern.name).toBeUndefined();
      expect(pattern.rule).toBe("/");
      expect(pattern.view).toBe(home);
    });

    it("accepts the positional form url(rule, view, name, methods)", () => {
      const pattern = url("/roles/", home, "roles", ["GET", "POST"]);
      expect(pattern.name).toBe("roles");
      expect(pattern.methods).toEqual(["GET", "POST"]);
    });

    it("accepts the named form url(rule, view, { name, methods })", () => {
      const pattern = url("/roles/", home, { name: "roles", methods: ["PUT"] });
      expect(pattern.name).toBe("roles");
      expect(pattern.methods).toEqual(["PUT"]);
    });

    it("accepts the named form with only methods, keeping name undefined", () => {
      const pattern = url("/roles/", home, { methods: ["POST"] });
      expect(pattern.name).toBeUndefined();
      expect(pattern.methods).toEqual(["POST"]);
    });

    it("accepts a positional undefined name followed by methods", () => {
      const pattern = url("/roles/", home, undefined, ["DELETE"]);
      expect(pattern.name).toBeUndefined();
      expect(pattern.methods).toEqual(["DELETE"]);
    });
  });

  describe("the returned URLPattern", () => {
    it("is frozen", () => {
      const pattern = url("/", home, "home");
      expect(Object.isFrozen(pattern)).toBe(true);
      expect(() => {
        (pattern as { rule: string }).rule = "/other/";
      }).toThrow(TypeError);
      expect(pattern.rule).toBe("/");
    });

    it.each([
      ["given methods", url("/", home, "home", ["GET", "POST"])],
      ['the default ["GET"]', url("/", home, "home")],
    ])("freezes its methods array too (%s)", (_, pattern) => {
      expect(Object.isFrozen(pattern.methods)).toBe(true);
    });

    it("upper-cases and deduplicates methods, keeping their first order", () => {
      expect(url("/", home, "home", ["post", "get", "POST", " Get "]).methods).toEqual([
        "POST",
        "GET",
      ]);
    });

    it("drops blank methods when at least one is named", () => {
      expect(url("/", home, "home", ["", "put", "  "]).methods).toEqual(["PUT"]);
    });

    it("carries the parsed rule", () => {
      expect(url("/users/<int:id>/", home).tokens).toEqual([
        { type: "static", text: "/users/" },
        {
          type: "variable",
          name: "id",
          converter: "int",
          args: undefined,
          source: "<int:id>",
          signature: "<int>",
        },
        { type: "static", text: "/" },
      ]);
    });

    it("is recognized as a url pattern, and a copy of it is not", () => {
      const pattern = url("/", home, "home");
      expect(isURLPattern(pattern)).toBe(true);
      expect(isURLPattern({ ...pattern })).toBe(false);
    });
  });

  describe("rejects a bad rule with InvalidURLRule (SPEC §10)", () => {
    it.each([
      [
        "an empty string",
        "",
        'Invalid url rule "": a rule must be a non-empty string such as "/about/".',
      ],
      ["a number", 42, 'Invalid url rule 42: a rule must be a non-empty string such as "/about/".'],
      ["undefined", undefined, "Invalid url rule undefined: a rule must be a non-empty string"],
      ["null", null, "Invalid url rule null: a rule must be a non-empty string"],
      [
        "a rule without the leading slash",
        "admin/",
        'Invalid url rule "admin/": a rule must start with "/"; write "/admin/".',
      ],
    ])("%s", (_, rule, message) => {
      const call = () => untypedUrl(rule, home);
      expect(call).toThrow(InvalidURLRule);
      expect(call).toThrow(message);
    });
  });

  describe("rejects a view that is not a function with InvalidURLFunction (SPEC §10)", () => {
    it.each([
      ["a string", "home", '"home"'],
      ["undefined", undefined, "undefined"],
      ["null", null, "null"],
      ["an object", { home }, "{}"],
    ])("%s", (_, view, shown) => {
      const call = () => untypedUrl("/", view);
      expect(call).toThrow(InvalidURLFunction);
      expect(call).toThrow(
        `The view of url("/") must be a function, got ${shown}. Pass the view function itself, e.g. url("/", views.home).`,
      );
    });
  });

  describe("rejects a bad name with InvalidURLName (SPEC §10)", () => {
    const notAString =
      'The name of url("/") is invalid: a name must be a non-empty string, e.g. "home".';
    it.each([
      ["a positional number", [42], notAString],
      ["a positional empty string", [""], notAString],
      ["a positional boolean", [true], notAString],
      ["a positional array (methods in the name's place)", [["GET"]], notAString],
      ["a named number", [{ name: 42 }], notAString],
      ["a named empty string", [{ name: "" }], notAString],
      [
        "a name with a dot",
        ["admin.home"],
        `The name of url("/") is invalid: 'admin.home' contains a dot; dots separate the module from the name in endpoints ('admin.home'), so a name may not contain one.`,
      ],
    ])("%s", (_, rest, message) => {
      const call = () => untypedUrl("/", home, ...rest);
      expect(call).toThrow(InvalidURLName);
      expect(call).toThrow(message);
    });
  });

  describe("rejects bad methods with UnspecifiedURLMethods (SPEC §10)", () => {
    it.each([
      ["an empty array", [], "the array is empty. Got []"],
      ["an array of blanks", ["", "  "], 'every method is blank. Got ["","  "]'],
      ["a string instead of an array", "GET", 'methods must be an array. Got "GET"'],
      ["an object instead of an array", { 0: "GET" }, "methods must be an array."],
      ["an array with a number", ["GET", 1], "every method must be a string."],
      ["a method that is not an HTTP token", ["GET ME"], "'GET ME' is not an HTTP method name."],
    ])("%s", (_, methods, detail) => {
      for (const call of [
        () => untypedUrl("/", home, "home", methods),
        () => untypedUrl("/", home, { name: "home", methods }),
      ]) {
        expect(call).toThrow(UnspecifiedURLMethods);
        expect(call).toThrow(`The methods of url("/") are invalid: ${detail}`);
      }
    });

    it("ends its message with the fix", () => {
      expect(() => untypedUrl("/", home, "home", [])).toThrow(
        'pass an array of HTTP methods such as ["GET", "POST"], or leave it out for ["GET"].',
      );
    });
  });

  it("raises errors that are MicroServicesErrors with their class name", () => {
    const error = thrown(() => untypedUrl("", home));
    expect(error).toBeInstanceOf(MicroServicesError);
    expect(error.name).toBe("InvalidURLRule");
    expect(error).toMatchObject({
      rule: "",
      reason: 'a rule must be a non-empty string such as "/about/".',
    });
  });
});
