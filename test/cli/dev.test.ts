import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";

/** The command line from src/ under tsx, or as users get it: the built dist/ under plain node. */
const COMMAND = {
  source: [
    "--import",
    "tsx",
    "--conditions=microservices-app-source",
    join(ROOT, "src", "cli", "main.ts"),
  ],
  built: [join(ROOT, "dist", "cli", "main.js")],
} as const;

/** `microservices-app dev` on a copy of the example, as a process of its own. */
function startDev(folder: string, appFile: string, command: keyof typeof COMMAND) {
  const child = spawn(
    process.execPath,
    [...COMMAND[command], "dev", "--app", appFile, "--port", "0"],
    { cwd: folder, env: { ...process.env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  const listeners = new Set<(line: string) => void>();
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream as NodeJS.ReadableStream }).on("line", (line) => {
      output.push(line);
      for (const listener of listeners) listener(line);
    });
  }
  /** The next line (from now on) that matches. */
  const next = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const listener = (line: string) => {
        if (!pattern.test(line)) return;
        listeners.delete(listener);
        resolve(line);
      };
      listeners.add(listener);
      child.once("exit", (code) =>
        reject(new Error(`dev exited (${code}) first:\n${output.join("\n")}`)),
      );
    });
  return { child, next, output };
}

/** Edits a file: `change` maps its text to the new text. */
const edit = (file: string, change: (text: string) => string) =>
  writeFileSync(file, change(readFileSync(file, "utf8")));

describe.each([
  ["express", "app.ts", "source"],
  ["fastify", "app-fastify.ts", "source"],
  // Built, the reload hooks are a file of dist/ and the library's frames are dist/'s chunks.
  ["express, the built command", "app.ts", "built"],
] as const)("dev (%s)", (_host, appFile, command) => {
  let folder: string;
  let dev: ReturnType<typeof startDev>;
  let base: string;
  const get = (path: string) => fetch(base + path, { redirect: "manual" });

  beforeAll(async () => {
    const scratch = join(ROOT, "test", ".scratch");
    mkdirSync(scratch, { recursive: true });
    folder = mkdtempSync(join(scratch, "dev-"));
    // Without the example's database (var/): the copy starts on a fresh one of its own.
    cpSync(join(ROOT, "example"), folder, {
      recursive: true,
      filter: (path) => !/[\\/]example[\\/]var(?:[\\/]|$)/.test(path),
    });
    dev = startDev(folder, appFile, command);
    const banner = await dev.next(/^microservices-app dev: /);
    base = /(http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1] ?? "";
  });
  afterAll(async () => {
    const exited = new Promise((resolve) => dev.child.once("exit", resolve));
    dev.child.kill("SIGTERM");
    await exited;
  });

  it("prints a banner with the address and logs one line per request", async () => {
    expect(dev.output[0]).toMatch(
      /^microservices-app dev: .* on http:\/\/127\.0\.0\.1:\d+ \((Express|Fastify) 5, debug on\)/,
    );
    const logged = dev.next(/^GET \/forum\/1\/ /);
    expect((await get("/forum/1/")).status).toBe(200);
    expect(await logged).toMatch(/^GET \/forum\/1\/ 200 \d+\.\d ms forum$/);
  });

  it("serves an edited view, template and static file without a restart", async () => {
    const pid = dev.child.pid;
    let reloaded = dev.next(/^Reloaded module "forum"\.$/);
    edit(join(folder, "modules/forum/views.ts"), (text) =>
      text.replace(
        'return render("forum/board.html", { ...page });',
        'return "the edited board view";',
      ),
    );
    await reloaded;
    expect(await (await get("/forum/")).text()).toBe("the edited board view");

    reloaded = dev.next(/^Reloaded module "forum"\.$/);
    edit(join(folder, "modules/forum/templates/forum/thread.html"), (text) =>
      text.replace("{% block content %}", "{% block content %}<p>edited template</p>"),
    );
    await reloaded;
    expect(await (await get("/forum/1/")).text()).toContain("<p>edited template</p>");

    reloaded = dev.next(/^Reloaded module "home"\.$/);
    writeFileSync(join(folder, "modules/home/static/b.txt"), "edited static file\n");
    await reloaded;
    expect(await (await get("/static/b.txt")).text()).toBe("edited static file\n");
    expect(dev.child.pid).toBe(pid);
  });

  it("keeps serving the old code when the new fails, and shows the error on the next page", async () => {
    const failed = dev.next(/^Reloading forum failed; the previous version keeps serving\./);
    edit(join(folder, "modules/forum/views.ts"), (text) => `${text}\nexport const broken = ;\n`);
    await failed;
    const errorPage = await get("/forum/");
    expect(errorPage.status).toBe(500);
    const body = await errorPage.text();
    expect(body).toContain("<h1>Internal Server Error (debug)</h1>");
    expect(body).toContain("Invalid module &quot;forum&quot;");
    expect(body).toMatch(/<h2>At [^<]*modules\/forum\/views\.ts, line \d+<\/h2>/);
    expect(await (await get("/forum/")).text()).toBe("the edited board view");
    // Fixed, it reloads again (and the restart below finds a module that loads).
    const reloaded = dev.next(/^Reloaded module "forum"\.$/);
    edit(join(folder, "modules/forum/views.ts"), (text) =>
      text.replace("\nexport const broken = ;\n", ""),
    );
    await reloaded;
  });

  it("restarts the process when the app file changes", async () => {
    const restarted = dev.next(/^The app's code changed: restarting\.$/);
    const banner = dev.next(/^microservices-app dev: /);
    edit(join(folder, appFile), (text) => `${text}\n// edited\n`);
    await restarted;
    base = /(http:\/\/127\.0\.0\.1:\d+)/.exec(await banner)?.[1] ?? "";
    expect((await get("/about/")).status).toBe(200);
  });
});
