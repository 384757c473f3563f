import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  generatedParamsMaker,
  interpretedParamsMaker,
  type ParamsMaker,
  paramsMaker,
} from "../../src/core/routing/params.js";
import { runWithoutCodeGeneration } from "../helpers/process.js";

/** Both makers of a list of names. */
const makers = (names: readonly string[]): [string, ParamsMaker][] => [
  ["generated", generatedParamsMaker(names)],
  ["interpreted", interpretedParamsMaker(names)],
];

describe("params makers", () => {
  it("name each value by its variable, in the rule's order, alike", () => {
    for (const [, make] of makers(["user", "id"])) {
      const params = make(["ana", 7]);
      expect({ ...params }).toEqual({ user: "ana", id: 7 });
      expect(Object.keys(params)).toEqual(["user", "id"]);
    }
  });

  it("give objects without Object.prototype, a __proto__ variable an own value", () => {
    for (const [, make] of makers(["__proto__", "constructor"])) {
      const params = make(["polluted", "c"]);
      expect(Object.getPrototypeOf(Object.getPrototypeOf(params))).toBeNull();
      expect(Object.getOwnPropertyDescriptor(params, "__proto__")?.value).toBe("polluted");
      expect(params.constructor).toBe("c");
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it("write names that look like code verbatim: they enter the code only as string literals", () => {
    const names = ["a'b", 'c"d', "e\\f", "g`h", "i\u2028j", "k];throw 1;//"];
    for (const [, make] of makers(names)) {
      expect(Object.keys(make([1, 2, 3, 4, 5, 6]))).toEqual(names);
    }
  });

  it("are shared by the rules of the same names", () => {
    expect(paramsMaker(["id"])).toBe(paramsMaker(["id"]));
    expect(paramsMaker(["id"])).not.toBe(paramsMaker(["slug"]));
  });

  it("fall back to the loop where code may not be generated", () => {
    // The source under test, loaded through tsx: the flag forbids eval, not tsx's loader.
    const file = fileURLToPath(new URL("../../src/core/routing/params.ts", import.meta.url));
    const script = `import(${JSON.stringify(file)}).then(({ paramsMaker }) => {
      console.log(JSON.stringify({ ...paramsMaker(["id", "slug"])([7, "x"]) }));
    });`;
    expect(runWithoutCodeGeneration(script).trim()).toBe('{"id":7,"slug":"x"}');
  });
});
