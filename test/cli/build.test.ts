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
  "/api/threads/",
  "/api/threads/1/",
  "/api/threads/99/",
  "/forum/",
  "/forum/page/2/",
  "/forum/1/",
  "/forum/99/",
  "/forum/new/",
  "/admin/",
  "/admin/login/",
  "/admin/roles/7/edit/",
  "/static/a.txt",
  "/static/b.txt",
  "/static/c.txt",
  "/static/site.css",
  "/static_home/b.txt",
  "/static_forum/forum.css",
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
    // Without the example's database (var/): the source app starts on a fresh one in site/var/,
    // the built app on its own in out/var/.
    cpSync(join(ROOT, "example"), join(folder, "site"), {
      recursive: true,
      filter: (path) => !/[\\/]example[\\/]var(?:[\\/]|$)/.test(path),
    });
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
      /Compiled \d+ files into out\/ and copied 8 templates and static folders\./,
    );
    expect(io.stdout()).toContain(
      "Copied 3 other files of modules: modules/admin/migrations/001_roles.sql, modules/forum/migrations/001_threads.sql, modules/forum/migrations/002_seed_threads.sql.",
    );
    expect(io.stdout()).toContain("Checked: no problems.");
    for (const file of [
      "app.js",
      "modules/forum/index.js",
      "modules/forum/views.js",
      "modules/forum/templates/forum/board.html",
      "modules/home/static/site.css",
      "modules/forum/migrations/001_threads.sql",
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
    // A form's CSRF token is its session's own: random, so it differs between the two.
    const withoutToken = (html: string) => html.replace(/value="[\w-]{43}"/g, 'value="(token)"');
    expect(withoutToken(await built.text())).toBe(withoutToken(expected.body));
  });
});
