import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { typesCommand } from "../../src/cli/types.js";
import { captureIO, ROOT } from "../helpers/cli.js";

const run = promisify(execFile);

/** Calls that must compile, and calls that must not (each marked @ts-expect-error). */
const usage = (library: string, requestType: string) => `
import type { MicroServicesApp, ${requestType} } from "${library}";
declare const app: MicroServicesApp;
declare const req: ${requestType};

export const right = [
  app.urlFor("forum.thread", { thread_id: 3 }),
  app.urlFor("forum.thread", { thread_id: 3, page: 2, _anchor: "reply" }),
  app.urlFor("about"),
  app.urlFor("static", { filename: "a.txt" }),
  req.urlFor(".board"),
  req.urlFor(".thread", { thread_id: 1 }),
  req.urlFor("admin.role_edit", { role_id: 7 }),
];

export const wrong = [
  // @ts-expect-error: no endpoint of that name
  app.urlFor("forum.thred", { thread_id: 3 }),
  // @ts-expect-error: thread_id is missing
  app.urlFor("forum.thread"),
  // @ts-expect-error: thread_id is a number
  app.urlFor("forum.thread", { thread_id: "3" }),
  // @ts-expect-error: filename is missing
  app.urlFor("static"),
  // @ts-expect-error: no module has a relative name ".bored"
  req.urlFor(".bored"),
  // @ts-expect-error: role_id is a number, in a request too
  req.urlFor("admin.role_edit", { role_id: "seven" }),
];
`;

/** Runs tsc on the folder; resolves to its output, and whether it passed. */
async function tsc(folder: string): Promise<{ ok: boolean; output: string }> {
  try {
    await run(join(ROOT, "node_modules", ".bin", "tsc"), ["-p", folder]);
    return { ok: true, output: "" };
  } catch (error) {
    return { ok: false, output: String((error as { stdout?: string }).stdout) };
  }
}

describe.each([
  ["express", "example/app.ts", "microservices-app", "Request"],
  ["fastify", "example/app-fastify.ts", "microservices-app/fastify", "Request"],
])("types (%s)", (_host, appFile, library, requestType) => {
  it("makes tsc reject a wrong endpoint, a missing value and a value of the wrong type", async () => {
    const scratch = join(ROOT, "test", ".scratch");
    mkdirSync(scratch, { recursive: true });
    const folder = mkdtempSync(join(scratch, "types-"));
    const io = captureIO(ROOT);
    expect(await typesCommand(["--app", appFile, "--out", join(folder, "urls.d.ts")], io)).toBe(0);
    expect(io.stdout()).toContain("18 endpoints");
    writeFileSync(join(folder, "usage.ts"), usage(library, requestType));
    const config = (files: string[]) =>
      JSON.stringify({
        extends: "../../../tsconfig.json",
        files,
        include: [],
        compilerOptions: { noEmit: true },
      });
    // With the declarations every right call compiles and every wrong one is an error (an
    // unused @ts-expect-error would fail the run).
    writeFileSync(join(folder, "tsconfig.json"), config(["urls.d.ts", "usage.ts"]));
    const typed = await tsc(folder);
    expect(typed.output).toBe("");
    expect(typed.ok).toBe(true);
    // Without them the wrong calls compile: the errors above came from the declarations.
    writeFileSync(join(folder, "tsconfig.json"), config(["usage.ts"]));
    const untyped = await tsc(folder);
    expect(untyped.ok).toBe(false);
    expect(untyped.output.match(/error TS2578: Unused '@ts-expect-error' directive/g)).toHaveLength(
      6,
    );
  });
});
