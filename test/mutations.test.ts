import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MUTATIONS } from "../mutate/mutations.js";

// `npm run mutate` is not part of `npm test`; this keeps its list of planted bugs in step with
// the code, so that a refactor that moves or rewrites a snippet is noticed at once.
describe("the mutation check's planted bugs", () => {
  it.each(MUTATIONS.map((mutation) => [mutation.id, mutation] as const))(
    "%s: its snippet occurs exactly once in its file, and its replacement changes it",
    (_id, mutation) => {
      const source = readFileSync(new URL(`../src/${mutation.file}`, import.meta.url), "utf8");
      expect(source.split(mutation.find).length - 1).toBe(1);
      expect(mutation.replace).not.toBe(mutation.find);
    },
  );
});
