import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScript, type ScriptProcess } from "../helpers/process.js";
import { launchChromium, type PageProblems, watchProblems } from "./browser.js";

/** The example on each host, as `npm start` and `npm run start:fastify` run it. */
const HOSTS = [
  { name: "express", script: "example/app.ts" },
  { name: "fastify", script: "example/app-fastify.ts" },
] as const;

const SCREENSHOTS = fileURLToPath(new URL("../../docs/screenshots/", import.meta.url));
const BANNER = /^microservices-app example running on (http:\/\/127\.0\.0\.1:\d+) \(/;

let chromium: Awaited<ReturnType<typeof launchChromium>>;
beforeAll(async () => {
  chromium = await launchChromium();
});
afterAll(() => chromium?.close());

/** A computed style of the first element matching `selector`. */
const styleOf = (page: Page, selector: string, property: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((element, name) => getComputedStyle(element).getPropertyValue(name), property);

describe.each(HOSTS)("the example in Chromium ($name)", (host) => {
  const database = join(mkdtempSync(join(tmpdir(), `e2e-${host.name}-`)), "site.db");
  let server: ScriptProcess;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  const title = `Seen in Chromium on ${host.name}`;
  let threadPath = "";

  /** Starts the example on a fresh port, on this suite's database. */
  const start = async () => {
    server = runScript(host.script, { PORT: "0", EXAMPLE_DATABASE: database });
    base = BANNER.exec(await server.line((text) => BANNER.test(text)))?.[1] ?? "";
  };
  const stop = async () => {
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  };
  /** Saves a screenshot for the README (from one host: the pages are the same on both). */
  const screenshot = async (name: string) => {
    if (host.name === "express") await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  };
  /** The page's main navigation marks `label` as the current page, styled by site.css. */
  const expectCurrentNav = async (label: string) => {
    const current = page.locator('nav a[aria-current="page"]');
    expect(await current.textContent()).toBe(label);
    expect(await styleOf(page, 'nav a[aria-current="page"]', "border-bottom-width")).toBe("3px");
  };

  beforeAll(async () => {
    await start();
    context = await chromium.browser.newContext({ viewport: { width: 1000, height: 800 } });
    page = await context.newPage();
    problems = watchProblems(page);
  });
  afterAll(async () => {
    await context?.close();
    if (server?.child.exitCode === null) await stop();
  });

  it("creates a thread: the flash, then the thread first on the board", async () => {
    await page.goto(`${base}/forum/`);
    await expectCurrentNav("Forum");
    // forum.css, from the forum module's static folder, styles the thread cards.
    expect(await styleOf(page, ".thread-card", "border-left-color")).toBe("rgb(47, 111, 222)");
    await page.getByRole("link", { name: "Start a thread" }).click();
    await page.waitForURL(`${base}/forum/new/`);
    await page.getByLabel("Your name").fill("Ada");
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Message").fill("Posted by a real browser, with its CSRF token.");
    await page.getByRole("button", { name: "Post the thread" }).click();
    await page.waitForURL(`${base}/forum/`);
    expect(await page.locator(".flash-success").textContent()).toBe(
      `Your thread “${title}” was posted.`,
    );
    const first = page.locator(".thread-title").first();
    expect(await first.textContent()).toBe(title);
    threadPath = (await first.getAttribute("href")) ?? "";
    expect(threadPath).toMatch(/^\/forum\/\d+\/$/);
    await screenshot("board");
    expect(problems.list).toEqual([]);
  });

  it("shows a failed form again, each error beside its field, the typed values kept", async () => {
    await page.goto(`${base}/forum/new/`);
    await page.getByLabel("Your name").fill("Ada");
    await page.getByLabel("Title").fill("Hi");
    await page.getByLabel("Message").fill("   ");
    problems.expectStatus(`${base}/forum/new/`, 400);
    await page.getByRole("button", { name: "Post the thread" }).click();
    await page.locator("#error-title").waitFor();
    expect(await page.locator("#error-title").textContent()).toBe(
      "The title needs at least 3 characters.",
    );
    expect(await page.locator("#error-body").textContent()).toBe("The message is required.");
    expect(await page.locator("#error-author").count()).toBe(0);
    expect(await page.getByLabel("Your name").inputValue()).toBe("Ada");
    expect(await page.getByLabel("Title").inputValue()).toBe("Hi");
    // site.css marks the field in error.
    expect(await styleOf(page, ".field.invalid input", "border-top-color")).toBe(
      "rgb(179, 38, 30)",
    );
    await screenshot("new-thread-errors");
    expect(problems.list).toEqual([]);
  });

  it("replies under the thread and comes back to the reply", async () => {
    await page.goto(`${base}${threadPath}`);
    expect(await page.locator("h1").textContent()).toBe(title);
    await page.getByLabel("Your name").fill("Grace");
    await page.getByLabel("Reply").fill("A reply, from the same browser.");
    await page.getByRole("button", { name: "Post the reply" }).click();
    await page.waitForURL(new RegExp(`${threadPath}#reply-\\d+$`));
    expect(await page.locator(".flash-success").textContent()).toBe("Your reply was posted.");
    expect(await page.locator(".reply").last().textContent()).toContain(
      "A reply, from the same browser.",
    );
    expect(await styleOf(page, ".reply", "border-left-style")).toBe("solid");
    await screenshot("thread");
    expect(problems.list).toEqual([]);
  });

  it("pages past the first page of the board and back", async () => {
    await page.goto(`${base}/forum/`);
    await page.getByRole("link", { name: "Older" }).click();
    await page.waitForURL(`${base}/forum/page/2/`);
    expect(await page.locator(".page-number").textContent()).toMatch(/^Page 2 of \d+$/);
    await expectCurrentNav("Forum");
    await page.getByRole("link", { name: "Newer" }).click();
    await page.waitForURL(`${base}/forum/`);
    expect(await page.locator(".page-number").textContent()).toMatch(/^Page 1 of \d+$/);
    expect(problems.list).toEqual([]);
  });

  it("refuses a form with a wrong CSRF token with the 403 page", async () => {
    await page.goto(`${base}/forum/new/`);
    await page.getByLabel("Your name").fill("Mallory");
    await page.getByLabel("Title").fill("A forged thread");
    await page.getByLabel("Message").fill("Sent with a token of my own.");
    await page.locator('input[name="csrf_token"]').evaluate((input) => {
      (input as HTMLInputElement).value = "forged";
    });
    problems.expectStatus(`${base}/forum/new/`, 403);
    await page.getByRole("button", { name: "Post the thread" }).click();
    await page.locator("h1", { hasText: "403: Forbidden" }).waitFor();
    await page.goto(`${base}/forum/`);
    expect(await page.getByText("A forged thread").count()).toBe(0);
    expect(problems.list).toEqual([]);
  });

  it("admin: sends to the sign-in, signs in, renames a role, signs out, refused again", async () => {
    await page.goto(`${base}/admin/`);
    await page.waitForURL(`${base}/admin/login/?next=%2Fadmin%2F`);
    await expectCurrentNav("Admin");
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill("admin");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${base}/admin/`);
    expect(await page.locator(".flash-success").textContent()).toBe("Signed in as admin.");
    // admin.css, from the admin module's static folder.
    expect(await styleOf(page, ".admin", "border-left-color")).toBe("rgb(204, 51, 51)");
    await page.getByRole("link", { name: "Edit role 7" }).click();
    await page.waitForURL(`${base}/admin/roles/7/edit/`);
    await page.getByLabel("New name").fill(`moderator on ${host.name}`);
    await page.getByRole("button", { name: "Rename" }).click();
    await page.waitForURL(`${base}/admin/`);
    expect(await page.locator(".role-name").first().textContent()).toBe(
      `moderator on ${host.name}`,
    );
    await screenshot("admin");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(`${base}/`);
    expect(await page.locator(".flash-success").textContent()).toBe("You are signed out.");
    await page.goto(`${base}/admin/roles/7/edit/`);
    await page.waitForURL(`${base}/admin/login/?next=%2Fadmin%2Froles%2F7%2Fedit%2F`);
    expect(problems.list).toEqual([]);
  });

  it("the API answers JSON for the new thread, and JSON errors for a missing one", async () => {
    const id = Number(/\d+/.exec(threadPath)?.[0]);
    const found = await page.request.get(`${base}/api/threads/${id}/`);
    expect(found.status()).toBe(200);
    expect(found.headers()["content-type"]).toBe("application/json; charset=utf-8");
    expect(await found.json()).toMatchObject({ id, title, author: "Ada", url: threadPath });
    const missing = await page.request.get(`${base}/api/threads/99999/`);
    expect(missing.status()).toBe(404);
    expect(await missing.json()).toEqual({ error: "There is no thread 99999.", status: 404 });
  });

  it("keeps the data of one run of the server after a restart", async () => {
    await stop();
    await start();
    await page.goto(`${base}/forum/`);
    expect(await page.locator(".thread-title").first().textContent()).toBe(title);
    await page.goto(`${base}${threadPath}`);
    expect(await page.locator(".reply").last().textContent()).toContain(
      "A reply, from the same browser.",
    );
    await page.goto(`${base}/`);
    await expectCurrentNav("Home");
    expect(problems.list).toEqual([]);
  });
});
