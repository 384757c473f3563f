import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ConfigData, HtmlValidate, StaticConfigLoader } from "html-validate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExampleSession } from "./helpers/example-session.js";
import { runScript, type ScriptProcess } from "./helpers/process.js";

/** The example on each host, as its own process (so each runs on a database of its own). */
const EXAMPLES = [
  { name: "express", script: "example/app.ts" },
  { name: "fastify", script: "example/app-fastify.ts" },
] as const;

const BANNER = /^microservices-app example running on (http:\/\/127\.0\.0\.1:\d+) \(/;

/**
 * html-validate's recommended rules, read from this object only (no configuration file found
 * on disk can change what the test checks).
 */
const CONFIG: ConfigData = {
  extends: ["html-validate:recommended"],
  rules: {
    // Taste, not validity: HTML's doctype is case-insensitive and the templates write it lowercase.
    "doctype-style": "off",
    // Taste, not validity: Nunjucks leaves the indentation of its {% %} lines; browsers ignore it.
    "no-trailing-whitespace": "off",
  },
};
const validator = new HtmlValidate(new StaticConfigLoader(CONFIG));

/** A page as a visitor got it: what it is, its status and its HTML. */
interface Seen {
  readonly page: string;
  readonly status: number;
  readonly html: string;
}

/** The answer's status and text, named for the report. */
const seen = async (page: string, response: Response): Promise<Seen> => ({
  page,
  status: response.status,
  html: await response.text(),
});

/**
 * Every kind of page a visitor of the example sees, in the order a visitor meets them: the
 * public pages, a form that failed and one that posted (its flash), the 404, 400 and CSRF 403
 * pages, and the admin before and after signing in.
 */
async function visit(base: string): Promise<Seen[]> {
  const user = new ExampleSession(base);
  const get = async (path: string, note = "") =>
    seen(`GET ${path}${note}`, await user.request(path));
  const pages = [
    await get("/"),
    await get("/about/"),
    await get("/forum/"),
    await get("/forum/page/2/"),
    await get("/forum/1/"),
    await get("/forum/new/"),
    await seen(
      "POST /forum/new/ (invalid fields)",
      await user.submit("/forum/new/", { author: "Ann <b>", title: "Hi", body: " " }),
    ),
    await seen(
      "POST /forum/1/ (invalid reply)",
      await user.submit("/forum/1/", { author: "", body: "" }),
    ),
  ];
  const posted = await user.submit("/forum/new/", {
    author: "Ann",
    title: "Valid HTML <everywhere>",
    body: 'A post with "quotes" & <tags>.',
  });
  expect(posted.status).toBe(303);
  pages.push(await get("/forum/", " (with the flash)"));
  pages.push(
    await get("/no/such/page/"),
    await get("/forum/999/"),
    await get("/forum/page/99/"),
    // A malformed request (a path that does not decode) gets the root's 400.html.
    await get("/%zz"),
    await seen(
      "POST /forum/new/ (wrong CSRF token)",
      await user.post("/forum/new/", { csrf_token: "wrong", author: "Eve", title: "x", body: "x" }),
    ),
    await get("/admin/login/?next=%2Fadmin%2F"),
    await seen(
      "POST /admin/login/ (wrong password)",
      await user.submit("/admin/login/", { username: "admin", password: "nope" }),
    ),
  );
  const signedIn = await user.submit("/admin/login/", { username: "admin", password: "admin" });
  expect(signedIn.status).toBe(303);
  pages.push(
    await get("/admin/"),
    await get("/admin/roles/7/edit/"),
    await seen(
      "POST /admin/roles/7/edit/ (invalid name)",
      await user.submit("/admin/roles/7/edit/", { name: "x" }),
    ),
  );
  return pages;
}

describe.each(EXAMPLES)("every page of the example is valid HTML ($name)", (example) => {
  let server: ScriptProcess | undefined;
  let base: string;
  beforeAll(async () => {
    const database = join(mkdtempSync(join(tmpdir(), `example-html-${example.name}-`)), "site.db");
    const started = runScript(example.script, { PORT: "0", EXAMPLE_DATABASE: database });
    server = started;
    base = BANNER.exec(await started.line((text) => BANNER.test(text)))?.[1] ?? "";
  });
  afterAll(async () => {
    server?.child.kill("SIGTERM");
    await server?.exited;
  });

  it("answers each page with the expected status and html-validate finds no error in it", async () => {
    const pages = await visit(base);
    expect(pages.map(({ page, status }) => `${status} ${page}`)).toEqual([
      "200 GET /",
      "200 GET /about/",
      "200 GET /forum/",
      "200 GET /forum/page/2/",
      "200 GET /forum/1/",
      "200 GET /forum/new/",
      "400 POST /forum/new/ (invalid fields)",
      "400 POST /forum/1/ (invalid reply)",
      "200 GET /forum/ (with the flash)",
      "404 GET /no/such/page/",
      "404 GET /forum/999/",
      "404 GET /forum/page/99/",
      "400 GET /%zz",
      "403 POST /forum/new/ (wrong CSRF token)",
      "200 GET /admin/login/?next=%2Fadmin%2F",
      "400 POST /admin/login/ (wrong password)",
      "200 GET /admin/",
      "200 GET /admin/roles/7/edit/",
      "400 POST /admin/roles/7/edit/ (invalid name)",
    ]);
    // Each is a whole document of the site's base.html, not a host's bare error text.
    const notDocuments = pages.filter(({ html }) => !html.startsWith("<!doctype html>"));
    expect(notDocuments.map(({ page }) => page)).toEqual([]);
    // Each problem says on which page, where in its HTML, which rule and what is wrong.
    const problems: string[] = [];
    for (const { page, html } of pages) {
      const report = await validator.validateString(html, page);
      for (const { messages } of report.results) {
        for (const { line, column, ruleId, message, selector } of messages) {
          problems.push(`${page}:${line}:${column} ${ruleId}: ${message} (${selector ?? "-"})`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
