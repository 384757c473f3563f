import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Whether V8 keeps String.prototype's properties fast (not a dictionary) once `entry` is
 * imported, asked of a fresh node with V8's own `%HasFastProperties`: the property that
 * decides whether every string method call takes the fast path.
 */
function stringMethodsFastAfter(entry: string, nodeOptions: readonly string[] = []): boolean {
  const script = `await import(${JSON.stringify(entry)}); console.log(%HasFastProperties(String.prototype));`;
  const output = execFileSync(
    process.execPath,
    ["--allow-natives-syntax", ...nodeOptions, "--input-type=module", "--eval", script],
    { cwd: ROOT, encoding: "utf8" },
  );
  return output.trim() === "true";
}

describe("string methods after Nunjucks is loaded", () => {
  it("are slow after Nunjucks alone: its SafeString makes V8 turn String.prototype into a dictionary", () => {
    expect(stringMethodsFastAfter("nunjucks")).toBe(false);
  });

  it("are fast again once the library is imported, on either host", () => {
    expect(stringMethodsFastAfter("microservices-app")).toBe(true);
    expect(stringMethodsFastAfter("microservices-app/fastify")).toBe(true);
  });

  it("are fast again in the library's own source, as tsx runs it", () => {
    const source = `${ROOT}src/core/templates/template-engine.ts`;
    expect(stringMethodsFastAfter(source, ["--import", "tsx"])).toBe(true);
  });
});
