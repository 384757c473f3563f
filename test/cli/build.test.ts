import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCommand } from "../../src/cli/build.js";
import { type CliApp, loadApp } from "../../src/cli/load-app.js";
import { captureIO, ROOT } from "../helpers/cli.js";

/** Every page of the example, and a few that are not pages. */
const PAGES = [
  "/",
  "/about/",
  "/api/health/",
  "/forum/",
  "/forum/1/",
  "/forum/99/",
  "/forum/new/",
  "/admin/",
  "/admin/roles/7/edit/",
  "/admin/secret/",
  "/static/a.txt",
  "/static/b.txt",
  "/static/c.txt",
  "/static/site.css",
  "/static_home/b.txt",
  "/no-such-page/",
];

describe.each([
  ["express", "app.ts"],
  ["fastify", "app-fastify.ts"],
])("build (%s)", (_host, appFile) => {
  let out: string;
  let child: ChildProcess;
  let port: number;
  let source: CliApp;
  let io: ReturnType<typeof captureIO>;
  let code: number;

  beforeAll(async () => {
    // A copy of the example inside the package, so that the build resolves "microservices-app".
    const scratch = join(ROOT, "test", ".scratch");
    mkdirSync(scratch, { recursive: true });
    const folder = mkdtempSync(join(scratch, "build-"));
    cpSync(join(ROOT, "example"), join(folder, "site"), { recursive: true });
    out = join(folder, "out");
    io = captureIO(folder);
    code = await buildCommand(["--app", join("site", appFile), "--out", "out"], io);
    source = await loadApp({ file: join(folder, "site", appFile), exportName: undefined });
    // The built app under plain node: no tsx, the package as users get it (dist/).
    child = spawn(process.execPath, [join(out, appFile.replace(".ts", ".js"))], {
      env: { ...process.env, PORT: "0" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const line = await new Promise<string>((resolve) =>
      createInterface({ input: child.stdout as NodeJS.ReadableStream }).once("line", resolve),
    );
    port = Number(/:(\d+) /.exec(line)?.[1]);
  });
  afterAll(async () => {
    child.kill("SIGTERM");
    await source.close();
  });

  it("compiles the code, copies every templates and static folder, and checks the result", () => {
    expect(code).toBe(0);
    expect(io.stdout()).toMatch(
      /Compiled \d+ files into out\/ and copied 6 templates and static folders\./,
    );
    expect(io.stdout()).toContain("Checked: no problems.");
    for (const file of [
      "app.js",
      "modules/forum/index.js",
      "modules/forum/views.js",
      "modules/forum/templates/forum/board.html",
      "modules/home/static/site.css",
      "templates/base.html",
      "static/a.txt",
    ]) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    expect(existsSync(join(out, "modules/forum/index.ts"))).toBe(false);
  });

  it.each(PAGES)("serves %s under plain node exactly as the source app does", async (path) => {
    const built = await fetch(`http://127.0.0.1:${port}${path}`, { redirect: "manual" });
    const expected = await source.inject({ url: path });
    expect(built.status).toBe(expected.status);
    expect(built.headers.get("content-type")).toBe(expected.headers["content-type"]);
    expect(await built.text()).toBe(expected.body);
  });
});
