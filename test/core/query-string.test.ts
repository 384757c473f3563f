import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BuildError } from "../../src/core/errors.js";
import { encodePathSegment } from "../../src/core/routing/path-encode.js";
import {
  generatedQueryWriter,
  interpretedQueryWriter,
  type QueryWriter,
} from "../../src/core/routing/query-string.js";
import type { Route } from "../../src/core/routing/route.js";
import { runWithoutCodeGeneration } from "../helpers/process.js";
import { route } from "./support.js";

/** Both query writers of a route. */
const writers = (target: Route): [string, QueryWriter][] => [
  ["generated", generatedQueryWriter(target)],
  ["interpreted", interpretedQueryWriter(target)],
];

describe("query writers", () => {
  it("leave out the variables and urlFor's options, and write every other key, alike", () => {
    const post = route("/users/<int:user_id>/posts/<slug>/", "post");
    const params = {
      user_id: 42,
      slug: "a b",
      _anchor: "x",
      _external: true,
      _scheme: "https",
      _method: "GET",
      page: 2,
      "a key": "a&b",
      tags: ["x", null, "y z"],
      none: null,
    };
    for (const [, write] of writers(post)) {
      expect(write(params, undefined)).toBe("?page=2&a%20key=a%26b&tags=x&tags=y%20z");
      expect(write({ user_id: 1, slug: "s" }, undefined)).toBe("");
    }
  });

  it("leave out the keys of a route's defaults", () => {
    const first: Route = { ...route("/users/", "users"), defaults: { page: 1 } };
    for (const [, write] of writers(first)) {
      expect(write({ page: 1, sort: "name" }, undefined)).toBe("?sort=name");
    }
  });

  it("compare keys that look like code as text: they enter the code only as string literals", () => {
    // A default's key may be any text: quotes, a backslash, a placeholder, a line separator.
    const key = "x' || true || '\"`$\u007b1}`\\\u2028";
    const odd: Route = { ...route("/odd/", "odd"), defaults: { [key]: 1 } };
    for (const [, write] of writers(odd)) {
      expect(write({ [key]: 1, x: 2, "x' || true || '": 3 }, undefined)).toBe(
        `?x=2&${encodeURIComponent("x' || true || '")}=3`,
      );
    }
  });

  it("turn a value that cannot be written into a BuildError naming the key", () => {
    const post = route("/p/<int:id>/", "post");
    for (const [, write] of writers(post)) {
      expect(() => write({ id: 1, q: "\ud800" }, undefined)).toThrow(BuildError);
      expect(() => write({ id: 1, q: "\ud800" }, undefined)).toThrow(/q/);
    }
  });

  it("fall back to the loop where code may not be generated", () => {
    const source = (file: string) =>
      JSON.stringify(fileURLToPath(new URL(`../../src/core/routing/${file}`, import.meta.url)));
    const script = `Promise.all([import(${source("query-string.ts")}), import(${source("rule.ts")}), import(${source("parse-rule.ts")}), import(${source("builtin-converters.ts")})]).then(([{ queryString }, { compileRule }, { parseRule }, { BUILTIN_CONVERTERS }]) => {
      const rule = "/u/<int:id>/";
      const route = { endpoint: "u", compiled: compileRule(rule, parseRule(rule), BUILTIN_CONVERTERS) };
      console.log(queryString(route, { id: 7, page: 2, q: "a b" }, undefined));
    });`;
    const output = runWithoutCodeGeneration(script);
    expect(output.trim()).toBe("?page=2&q=a%20b");
  });
});

describe("path segment escapes", () => {
  it("are the same when a value is escaped again, from the memo, and when it no longer fits", () => {
    expect(encodePathSegment("hello world")).toBe("hello%20world");
    expect(encodePathSegment("hello world")).toBe("hello%20world");
    // More distinct values than the memo holds: it starts over, and every answer stays right.
    for (let index = 0; index < 2_500; index += 1) {
      expect(encodePathSegment(`a b/${index}`)).toBe(`a%20b%2F${index}`);
    }
    const long = `${"x ".repeat(200)}@`;
    expect(encodePathSegment(long)).toBe(`${"x%20".repeat(200)}@`);
    expect(encodePathSegment(long)).toBe(`${"x%20".repeat(200)}@`);
  });

  it("refuse a lone surrogate every time, not only the first", () => {
    expect(() => encodePathSegment("a \ud800")).toThrow(/lone surrogate/);
    expect(() => encodePathSegment("a \ud800")).toThrow(/lone surrogate/);
  });
});
