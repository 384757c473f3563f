import { spawn } from "node:child_process";
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp as createExpressApp } from "../example/app.js";
import { createApp as createFastifyApp } from "../example/app-fastify.js";

/** The example on each host: how to create it, and the npm script that runs it. */
const EXAMPLES = [
  { name: "express", createApp: createExpressApp, script: "start", banner: "Express 5" },
  { name: "fastify", createApp: createFastifyApp, script: "start:fastify", banner: "Fastify 5" },
] as const;

type ExampleApp = Awaited<ReturnType<(typeof EXAMPLES)[number]["createApp"]>>;

async function start(example: (typeof EXAMPLES)[number]) {
  const app: ExampleApp = await example.createApp();
  const server = await app.listen(0, "127.0.0.1");
  return { app, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const links = (html: string) =>
  [...html.matchAll(/(?:href|action)="([^"]+)"/g)].map((found) => found[1] as string);

describe.each(EXAMPLES)("the example app ($name)", (example) => {
  let app: ExampleApp;
  let base: string;
  beforeAll(async () => {
    ({ app, base } = await start(example));
  });
  afterAll(() => app.close());

  const get = (path: string, init?: RequestInit) =>
    fetch(base + path, { redirect: "manual", ...init });

  it("links from its home page to every page and static file, each of which answers", async () => {
    const home = await (await get("/")).text();
    const targets = new Set(links(home));
    expect(targets.size).toBeGreaterThanOrEqual(14);
    for (const target of targets) {
      const response = await get(target);
      const expected = target === app.urlFor("admin.secret") ? 403 : 200;
      expect({ target, status: response.status }).toEqual({ target, status: expected });
    }
  });

  it("renders the home module's home.html over the root's, with the module's stylesheet", async () => {
    const home = await (await get("/")).text();
    expect(home).toContain(
      "This is the home module's home.html: it overrides the root's home.html.",
    );
    expect(home).not.toContain("The root's home.html");
    expect(home).toContain('<link rel="stylesheet" href="/static/site.css">');
    const css = await get("/static/site.css");
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
  });

  it("serves a.txt from the root, b.txt and c.txt from the home module", async () => {
    expect(await (await get("/static/a.txt")).text()).toContain("root's a.txt");
    expect(await (await get("/static/b.txt")).text()).toContain("home module's b.txt");
    expect(await (await get("/static/c.txt")).text()).toContain("home module's c.txt");
    expect(await (await get("/static_home/b.txt")).text()).toContain("home module's b.txt");
  });

  it("renders the admin module's template extending the root's admin/base.html", async () => {
    const page = await (await get("/admin/")).text();
    expect(page).toContain("<h1>Holy cow!</h1>");
    expect(page).toContain("<h2>Administration</h2>");
  });

  it("gives the typed role_id to the view as a number, and renames a role by POST", async () => {
    expect(await (await get("/admin/roles/7/edit/")).text()).toContain("<h1>Role 7 (number)</h1>");
    const posted = await get("/admin/roles/7/edit/", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "name=editor",
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.get("location")).toBe("/admin/roles/7/edit/");
    expect(await (await get("/admin/roles/7/edit/")).text()).toContain("Name: editor");
  });

  it("renders the root's 403.html for abort(403), and its 404.html for an unknown thread", async () => {
    const forbidden = await get("/admin/secret/");
    expect(forbidden.status).toBe(403);
    expect(await forbidden.text()).toContain("Only administrators may see the secret page.");
    const missing = await get("/forum/999/");
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("There is no thread 999.");
  });

  it("lets an administrator see the secret page past the admin module's guard", async () => {
    const admin = await get("/admin/secret/", { headers: { cookie: "role=admin" } });
    expect(admin.status).toBe(200);
    expect(await admin.text()).toContain("The secret");
  });

  it("answers an unknown URL under /api/ in JSON (an app-level error handler)", async () => {
    const missing = await get("/api/nothing/");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "not found", path: "/api/nothing/" });
  });

  it("posts a forum thread and redirects to the board (a relative endpoint)", async () => {
    const posted = await get("/forum/new/", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "title=Hello%20there&body=First%20post",
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.get("location")).toBe("/forum/");
    expect(await (await get("/forum/")).text()).toContain("Hello there</a>");
    const empty = await get("/forum/new/", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "title=",
    });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("A thread needs a title.");
    // JSON posted to the form url: the same 400 on both hosts, never a thread or a 500.
    for (const body of ['{"title": "From JSON"}', '{"title": {"toString": 1}}']) {
      const json = await get("/forum/new/", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      expect(json.status, body).toBe(400);
    }
    const noBody = await get("/forum/new/", { method: "POST" });
    expect(noBody.status).toBe(400);
  });

  it("answers JSON and redirects a missing trailing slash", async () => {
    expect(await (await get("/api/health/")).json()).toEqual({
      status: "ok",
      module: "home",
      modules: ["admin", "forum", "home"],
    });
    const redirected = await get("/admin");
    expect(redirected.status).toBe(308);
    expect(redirected.headers.get("location")).toBe("/admin/");
  });
});

describe("the example on both hosts", () => {
  const started: { app: ExampleApp; base: string }[] = [];
  beforeAll(async () => {
    for (const example of EXAMPLES) started.push(await start(example));
  });
  afterAll(() => Promise.all(started.map(({ app }) => app.close())));

  /** What a user sees of a response; Date and connection handling are the server's own. */
  async function seen(base: string, path: string, init?: RequestInit) {
    const response = await fetch(base + path, { redirect: "manual", ...init });
    const headers = Object.fromEntries(
      [...response.headers].filter(
        ([name]) => !["date", "connection", "keep-alive"].includes(name),
      ),
    );
    return { path, status: response.status, headers, body: await response.text() };
  }

  it("serves identical pages, links, static files and errors on Express and Fastify", async () => {
    const [express, fastify] = started.map(({ base }) => ({ base })) as [
      { base: string },
      { base: string },
    ];
    const home = await (await fetch(`${express.base}/`)).text();
    const paths = [
      ...new Set([
        "/",
        ...links(home),
        "/static/a.txt",
        "/static/c.txt",
        "/static_home/b.txt",
        "/no/such/page/",
        "/forum/999/",
        "/admin",
        "/admin/secret/",
        "/api/health/",
        "/static/../settings.ts",
        "/%zz",
      ]),
    ];
    expect(paths.length).toBeGreaterThanOrEqual(19);
    for (const path of paths) {
      expect(await seen(fastify.base, path)).toEqual(await seen(express.base, path));
    }
    for (const init of [{ method: "HEAD" }, { method: "DELETE" }, { method: "OPTIONS" }]) {
      expect(await seen(fastify.base, "/forum/", init)).toEqual(
        await seen(express.base, "/forum/", init),
      );
    }
  });
});

/** Whether every process of a group has exited, within ten seconds (a loaded machine is slow). */
async function groupGone(pid: number): Promise<boolean> {
  for (let tries = 0; tries < 200; tries += 1) {
    try {
      process.kill(-pid, 0);
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

describe.each(EXAMPLES)("npm run $script (the README's quick start)", (example) => {
  it("prints the address, serves the home page, and stops on SIGTERM", async () => {
    const root = fileURLToPath(new URL("..", import.meta.url));
    // Its own process group: npm, tsx and the app get the signal together, and none outlives
    // the test.
    const child = spawn("npm", ["run", example.script, "--silent"], {
      cwd: root,
      env: { ...process.env, PORT: "0" },
      detached: true,
    });
    const signalGroup = (signal: NodeJS.Signals) => {
      try {
        process.kill(-(child.pid as number), signal);
      } catch {
        // The group has already exited.
      }
    };
    try {
      const line = await new Promise<string>((resolve, reject) => {
        child.once("error", reject);
        createInterface({ input: child.stdout }).on("line", (text) => {
          if (text.startsWith("microservices-app example running on ")) resolve(text);
        });
      });
      const [address, banner] = line
        .replace("microservices-app example running on ", "")
        .split(" (") as [string, string];
      expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(banner).toBe(`${example.banner})`);
      expect((await fetch(`${address}/`)).status).toBe(200);
      const exited = new Promise((resolve) => child.once("exit", resolve));
      signalGroup("SIGTERM");
      await exited;
      // The app closes and exits by itself: nothing of the group is left a moment later.
      expect(await groupGone(child.pid as number)).toBe(true);
    } finally {
      signalGroup("SIGKILL");
    }
  });
});
