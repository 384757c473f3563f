import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp as createExpressApp } from "../example/app.js";
import { createApp as createFastifyApp } from "../example/app-fastify.js";
import { ExampleSession } from "./helpers/example-session.js";

// A database of this file's own (the example reads EXAMPLE_DATABASE when it first opens it),
// shared by both hosts' apps in this process and the npm scripts it starts.
process.env.EXAMPLE_DATABASE = join(mkdtempSync(join(tmpdir(), "example-test-")), "site.db");

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

/** The site's own links and form actions on a page (not the `data:` favicon). */
const links = (html: string) =>
  [...html.matchAll(/(?:href|action)="(\/[^"]*)"/g)].map((found) => found[1] as string);

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
    expect(targets.size).toBeGreaterThanOrEqual(17);
    for (const target of targets) {
      const response = await get(target);
      // The admin pages send a visitor who is not signed in to the sign-in page.
      const expected = target.startsWith("/admin/") ? 303 : 200;
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
    expect(home).toContain('<a href="/" aria-current="page">Home</a>');
    const css = await get("/static/site.css");
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
  });

  it("serves a.txt from the root, b.txt and c.txt from the home module", async () => {
    expect(await (await get("/static/a.txt")).text()).toContain("root's a.txt");
    expect(await (await get("/static/b.txt")).text()).toContain("home module's b.txt");
    expect(await (await get("/static/c.txt")).text()).toContain("home module's c.txt");
    expect(await (await get("/static_home/b.txt")).text()).toContain("home module's b.txt");
  });

  it("pages the board with one view on two urls: /forum/ is page 1, /forum/page/1/ redirects there", async () => {
    const first = await (await get("/forum/")).text();
    expect(first).toContain('<a href="/forum/" aria-current="page">Forum</a>');
    expect(first).toContain('<link rel="stylesheet" href="/static_forum/forum.css">');
    expect(first).toMatch(/Page 1 of \d+/);
    expect(first).toContain('<a rel="next" href="/forum/page/2/">Older</a>');
    const second = await (await get("/forum/page/2/")).text();
    expect(second).toContain('<a rel="prev" href="/forum/">Newer</a>');
    const redirected = await get("/forum/page/1/");
    expect(redirected.status).toBe(308);
    expect(redirected.headers.get("location")).toBe("/forum/");
    const past = await get("/forum/page/99/");
    expect(past.status).toBe(404);
    expect(await past.text()).toContain("The board has no page 99.");
  });

  it("posts a thread with its CSRF token, flashes once, and shows it first on the board", async () => {
    const user = new ExampleSession(base);
    const title = `A thread on ${example.name}`;
    const posted = await user.submit("/forum/new/", { author: "Ann", title, body: "First post" });
    expect(posted.status).toBe(303);
    expect(posted.headers.get("location")).toBe("/forum/");
    const board = await user.page("/forum/");
    expect(board).toContain(
      `<p class="flash flash-success" role="status">Your thread “${title}” was posted.</p>`,
    );
    expect(/class="thread-title" href="\/forum\/\d+\/">([^<]*)</.exec(board)?.[1]).toBe(title);
    expect(await user.page("/forum/")).not.toContain("was posted.");
  });

  it("shows a failed form again with each problem beside its field and the typed values kept", async () => {
    const user = new ExampleSession(base);
    const refused = await user.submit("/forum/new/", { author: "Ann <b>", title: "Hi", body: " " });
    expect(refused.status).toBe(400);
    const page = await refused.text();
    expect(page).toContain('value="Ann &lt;b&gt;"');
    expect(page).toContain('value="Hi" aria-invalid="true" aria-describedby="error-title"');
    expect(page).toContain(
      '<p class="field-error" id="error-title">The title needs at least 3 characters.</p>',
    );
    expect(page).toContain('<p class="field-error" id="error-body">The message is required.</p>');
    expect(page).not.toContain('id="error-author"');
  });

  it("adds a reply under a thread and comes back to it", async () => {
    const user = new ExampleSession(base);
    const posted = await user.submit("/forum/2/", { author: "Bo", body: "A reply of mine" });
    expect(posted.status).toBe(303);
    expect(posted.headers.get("location")).toMatch(/^\/forum\/2\/#reply-\d+$/);
    const thread = await user.page("/forum/2/");
    expect(thread).toContain("Your reply was posted.");
    expect(thread).toContain("<p>A reply of mine</p>");
  });

  it("refuses a post without the session's CSRF token with the 403 page, JSON too; JSON with it fails the form", async () => {
    const user = new ExampleSession(base);
    const token = await user.csrfToken("/forum/new/");
    const fields = { author: "Eve", title: "Forged", body: "From another site" };
    const forged = await user.post("/forum/new/", { ...fields, csrf_token: "wrong" });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain("<h1>403: Forbidden</h1>");
    // JSON posted to the form url: the same answers on both hosts, never a thread or a 500.
    for (const body of [JSON.stringify(fields), '{"title": {"toString": 1}}']) {
      const json = { method: "POST", headers: { "content-type": "application/json" }, body };
      expect((await user.request("/forum/new/", json)).status, body).toBe(403);
      const withToken = { ...json, headers: { ...json.headers, "x-csrftoken": token } };
      const invalid = await user.request("/forum/new/", withToken);
      expect(invalid.status, body).toBe(400);
      expect(await invalid.text()).toContain('id="error-title"');
    }
    expect((await user.request("/forum/new/", { method: "POST" })).status).toBe(403);
    expect(await (await get("/forum/")).text()).not.toContain("Forged");
  });

  it("loses no post when many arrive at once", async () => {
    const before = (await (await get("/api/threads/")).json()) as { total: number };
    const user = new ExampleSession(base);
    const token = await user.csrfToken("/forum/new/");
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        user.post("/forum/new/", {
          csrf_token: token,
          author: "Load",
          title: `Concurrent ${example.name} ${index}`,
          body: "at once",
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(303));
    const after = (await (await get("/api/threads/")).json()) as { total: number };
    expect(after.total).toBe(before.total + 20);
  });

  it("sends a visitor to the sign-in page, signs in, renames a role, signs out", async () => {
    const user = new ExampleSession(base);
    const guarded = await user.request("/admin/roles/7/edit/");
    expect(guarded.status).toBe(303);
    expect(guarded.headers.get("location")).toBe(
      "/admin/login/?next=%2Fadmin%2Froles%2F7%2Fedit%2F",
    );
    const login = "/admin/login/?next=%2Fadmin%2Froles%2F7%2Fedit%2F";
    const wrong = await user.submit(
      login,
      { username: "admin", password: "nope", next: "/admin/" },
      "/admin/login/",
    );
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("The username or the password is wrong.");
    const signedIn = await user.submit(
      login,
      { username: "admin", password: "admin", next: "/admin/roles/7/edit/" },
      "/admin/login/",
    );
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get("location")).toBe("/admin/roles/7/edit/");
    const rolePage = await user.page("/admin/roles/7/edit/");
    expect(rolePage).toContain("<h1>Role 7 (number)</h1>");
    expect(rolePage).toContain("Signed in as admin.");
    const renamed = await user.submit("/admin/roles/7/edit/", { name: `editor ${example.name}` });
    expect(renamed.status).toBe(303);
    expect(renamed.headers.get("location")).toBe("/admin/");
    const panel = await user.page("/admin/");
    expect(panel).toContain(`<td class="role-name">editor ${example.name}</td>`);
    expect(panel).toContain(`Role 7 is now “editor ${example.name}”.`);
    const invalid = await user.submit("/admin/roles/7/edit/", { name: "x" });
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain("A role name needs at least 2 characters.");
    const out = await user.submit("/admin/", {}, "/admin/logout/");
    expect(out.status).toBe(303);
    expect((await user.request("/admin/")).status).toBe(303);
    // A sign-in never sends anyone off the site.
    const away = await user.submit("/admin/login/", {
      username: "admin",
      password: "admin",
      next: "//evil.example/",
    });
    expect(away.headers.get("location")).toBe("/admin/");
  });

  it("answers the API in JSON, its errors too (the api module's error handler)", async () => {
    const list = (await (await get("/api/threads/")).json()) as {
      page: number;
      threads: { id: number; url: string }[];
    };
    expect(list.page).toBe(1);
    const first = list.threads[0] as { id: number; url: string };
    expect(first.url).toBe(`/forum/${first.id}/`);
    const one = await get("/api/threads/1/");
    expect(one.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(await one.json()).toMatchObject({
      id: 1,
      title: "Welcome to the forum",
      replies: [{ author: "ada" }, { author: "grace" }],
    });
    const missing = await get("/api/threads/999/", { headers: { accept: "text/html" } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "There is no thread 999.", status: 404 });
    const badPage = await get("/api/threads/?page=two");
    expect(badPage.status).toBe(400);
    expect(await badPage.json()).toEqual({
      error: "The query parameter 'page': page must be a number.",
      status: 400,
    });
  });

  it("renders the root's 404.html for an unknown thread", async () => {
    const missing = await get("/forum/999/");
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("There is no thread 999.");
  });

  it("answers an unknown URL under /api/ in JSON (an app-level error handler)", async () => {
    const missing = await get("/api/nothing/");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "not found", path: "/api/nothing/" });
  });

  it("answers JSON and redirects a missing trailing slash", async () => {
    expect(await (await get("/api/health/")).json()).toEqual({
      status: "ok",
      module: "api",
      modules: ["admin", "api", "forum", "home"],
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

  /**
   * What a user sees of a response; Date and connection handling are the server's own. A
   * form's CSRF token and the session cookie are random and timestamped: their place and
   * attributes are compared, not their value (nor the ETag of a page holding a token).
   */
  async function seen(base: string, path: string, init?: RequestInit) {
    const response = await fetch(base + path, { redirect: "manual", ...init });
    const text = await response.text();
    const body = text.replace(/name="csrf_token" value="[\w-]+"/g, 'name="csrf_token" value=""');
    const headers = Object.fromEntries(
      [...response.headers]
        .filter(([name]) => !["date", "connection", "keep-alive"].includes(name))
        .filter(([name]) => name !== "etag" || body === text)
        .map(([name, value]) => [name, value.replace(/^session=[^;]*/, "session=")]),
    );
    return { path, status: response.status, headers, body };
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
        "/admin/login/",
        "/forum/page/1/",
        "/forum/page/9/",
        "/api/threads/?page=2",
        "/api/threads/?page=x",
        "/api/threads/999/",
        "/api/health/",
        "/static/../settings.ts",
        "/%zz",
      ]),
    ];
    expect(paths.length).toBeGreaterThanOrEqual(28);
    for (const path of paths) {
      expect(await seen(fastify.base, path)).toEqual(await seen(express.base, path));
    }
    for (const init of [{ method: "HEAD" }, { method: "DELETE" }, { method: "OPTIONS" }]) {
      expect(await seen(fastify.base, "/forum/", init)).toEqual(
        await seen(express.base, "/forum/", init),
      );
    }
  });

  it("answers the same forms the same way: a failed form, a forged one, a sign-in", async () => {
    const answers = async (base: string) => {
      const user = new ExampleSession(base);
      const fields = { author: "Ann", title: "Hi", body: "" };
      const failed = await user.submit("/forum/new/", fields);
      const forged = await user.post("/forum/new/", { ...fields, csrf_token: "forged" });
      const signIn = await user.submit("/admin/login/", { username: "admin", password: "admin" });
      const pages = [failed, forged, signIn].map(async (response) => ({
        status: response.status,
        location: response.headers.get("location"),
        body: (await response.text()).replace(/value="[\w-]{43}"/g, 'value=""'),
      }));
      return Promise.all(pages);
    };
    const [express, fastify] = started as unknown as [{ base: string }, { base: string }];
    const seenOnExpress = await answers(express.base);
    expect(seenOnExpress.map((answer) => answer.status)).toEqual([400, 403, 303]);
    expect(await answers(fastify.base)).toEqual(seenOnExpress);
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
