import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { afterEach, describe, expect, it } from "vitest";
import { fixture } from "./helpers/serve.js";

// The package as users get it: the built dist/ (npm test builds it first), imported by a
// plain JavaScript app under bare node, without tsx or the source condition.

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGTERM");
});

/** Runs the js-app fixture with these modules; resolves to the first line it prints, parsed. */
function run(host: string, modules: string[]): Promise<Record<string, unknown>> {
  const child = spawn(process.execPath, [`${fixture("js-app")}app.mjs`, ...modules], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, APP_HOST: host },
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once("line", (line) =>
      resolve(JSON.parse(line)),
    );
  });
}

describe.each(["express", "fastify"])("the built package (%s)", (host) => {
  it("serves a JavaScript app with JavaScript modules under plain node", async () => {
    const { port } = await run(host, ["hello"]);
    const response = await fetch(`http://127.0.0.1:${port}/hello/41/`);
    expect(response.status).toBe(200);
    expect((await response.text()).trim()).toBe("hello 41 (number) /hello/42/");
  });

  it("says how to run TypeScript modules when node cannot import them", async () => {
    const result = await run(host, ["typescript"]);
    expect(result.error).toBe("InvalidModule");
    expect(result.message).toContain("run the app with tsx");
  });
});

describe("the built package's exports", () => {
  // esbuild renames a top-level name that two bundled files share (join → join4); an error
  // class renamed so would change the name its errors show (`this.name = new.target.name`).
  it.each(["index.js", "fastify/index.js"])("keep every class's name in dist/%s", async (entry) => {
    const exports = (await import(`../dist/${entry}`)) as Record<string, unknown>;
    const classes = Object.entries(exports).filter(
      ([, value]) => typeof value === "function" && /^class\b/.test(String(value)),
    );
    expect(classes.length).toBeGreaterThan(10);
    for (const [name, value] of classes) expect((value as { name: string }).name).toBe(name);
  });
});
