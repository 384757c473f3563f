import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/core/routing/converters.js";
import {
  generatedPathWriter,
  interpretedPathWriter,
  type PathWriter,
} from "../../src/core/routing/path-writer.js";
import { runWithoutCodeGeneration } from "../helpers/process.js";
import { compile } from "./support.js";

/** Both writers of a rule, from its compiled pieces. */
function writers(rule: string): [string, PathWriter][] {
  const { build, variables, converters } = compile(rule);
  return [
    ["generated", generatedPathWriter(build, variables, converters)],
    ["interpreted", interpretedPathWriter(build, variables, converters)],
  ];
}

describe("path writers", () => {
  it("write the static text and each value through its converter, alike", () => {
    for (const [, write] of writers("/users/<int:user_id>/posts/<slug>/")) {
      expect(write({ user_id: 42, slug: "hello-world" })).toBe("/users/42/posts/hello-world/");
    }
    for (const [, write] of writers("/files/<path:name>.<any(txt,md):ext>")) {
      expect(write({ name: "a b/c", ext: "md" })).toBe("/files/a%20b/c.md");
    }
  });

  it("return undefined for a variable with no value, or null", () => {
    for (const [, write] of writers("/u/<int:id>/<name>")) {
      expect(write({ name: "x" })).toBeUndefined();
      expect(write({ id: 1, name: null })).toBeUndefined();
    }
  });

  it("let a converter's ValidationError through, for urlFor to name the variable", () => {
    for (const [, write] of writers("/u/<int:id>/")) {
      expect(() => write({ id: "seven" })).toThrow(ValidationError);
    }
  });

  it("write static text that looks like code verbatim: it enters the code only as a string literal", () => {
    // Quotes, a backslash, a template placeholder ("$\u007b" is "${"), backticks, a line
    // separator and a comment opener: each would break out of careless generated code.
    const text = "/a'b/c\"d/e\\f/$\u007bx}/`t`/\u2028/*/";
    const results = writers(`${text}<v>`).map(([, write]) => write({ v: "*' \u2028" }));
    expect(results[0]).toBe(results[1]);
    expect(results[0]).toBe(`${encodeURI(text)}*'%20%E2%80%A8`);
  });

  it("fall back to the loop where code may not be generated", () => {
    // The source under test, loaded through tsx: the flag forbids eval, not tsx's loader.
    const writer = fileURLToPath(new URL("../../src/core/routing/path-writer.ts", import.meta.url));
    const script = `import(${JSON.stringify(writer)}).then(({ compilePathWriter }) => {
      const write = compilePathWriter(["/u/", 0, "/"], ["id"], [{ toUrl: (value) => String(value) }]);
      console.log(write({ id: 7 }));
    });`;
    const output = runWithoutCodeGeneration(script);
    expect(output.trim()).toBe("/u/7/");
  });
});
