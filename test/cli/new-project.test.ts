import { execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";

const run = promisify(execFile);
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const NPX = process.platform === "win32" ? "npx.cmd" : "npx";
/** Installs come from npm's cache when they can (the repository's own install filled it). */
const INSTALL = ["install", "--no-audit", "--no-fund", "--prefer-offline"];

// The done-bar, as a new user meets it: the packed package installed in an empty folder
// outside the repository, `new`, then the new project's install, build, test and start.
describe("a new project from the packed package", () => {
  const folder = mkdtempSync(join(tmpdir(), "microservices-app-new-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("installs, builds, passes its test and serves", { timeout: 240_000 }, async () => {
    const { stdout } = await run(NPM, ["pack", "--pack-destination", folder, "--silent"], {
      cwd: ROOT,
    });
    const tarball = join(folder, stdout.trim().split("\n").pop() ?? "");
    await run(NPM, [...INSTALL, tarball], { cwd: folder });
    // --library: the new project depends on this tarball, not on a published version.
    const created = await run(
      NPX,
      ["microservices-app", "new", "site", "--library", `file:${tarball}`],
      {
        cwd: folder,
      },
    );
    expect(created.stdout).toContain("Created site/ (Express 5)");
    const site = join(folder, "site");
    await run(NPM, INSTALL, { cwd: site });
    const built = await run(NPM, ["run", "build"], { cwd: site });
    expect(built.stdout).toContain("Checked: no problems. Serve it with: node dist/app.js");
    const tested = await run(NPM, ["test"], { cwd: site });
    expect(tested.stdout).toMatch(/# pass 2\n# fail 0/);
    // Its types check without anything installed by hand (no @types/express).
    await run(NPX, ["tsc", "-p", "."], { cwd: site });

    const server = spawn(NPM, ["start"], {
      cwd: site,
      env: { ...process.env, PORT: "0" },
      stdio: ["ignore", "pipe", "inherit"],
      detached: true,
    });
    try {
      const line = await new Promise<string>((resolve) => {
        createInterface({ input: server.stdout as NodeJS.ReadableStream }).on("line", (text) => {
          if (text.includes("is serving on")) resolve(text);
        });
      });
      expect(line).toMatch(/^site is serving on http:\/\/localhost:\d+$/);
      const port = /:(\d+)$/.exec(line)?.[1];
      const response = await fetch(`http://127.0.0.1:${port}/`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("<h1>home</h1>");
      const css = await fetch(`http://127.0.0.1:${port}/static/site.css`);
      expect(css.status).toBe(200);
    } finally {
      // npm start runs node through a shell: the whole group this test started is stopped.
      if (server.pid !== undefined) process.kill(-server.pid, "SIGTERM");
    }
  });
});
