import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTS } from "../helpers/hosts.js";
import { type Served, serve } from "../helpers/serve.js";

describe.each(HOSTS)("validation with Standard Schema ($name)", (host) => {
  let served: Served;
  beforeAll(async () => {
    served = await serve(host, "request-data", { modules: ["data"] });
  });
  afterAll(() => served.close());

  const postForm = (body: string, accept = "text/html") =>
    served.fetch("/zod/", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept },
      body,
    });
  const postJson = (body: string) =>
    served.fetch("/valibot/", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });

  it("gives the view the schema's output (Zod): trimmed, defaulted, coerced", async () => {
    const response = await postForm("title=%20Hello%20&pages=3");
    expect(await response.json()).toEqual({ title: "Hello", body: "", pages: 3 });
  });

  it("answers a failing form with the 400 page listing each field, the view never running", async () => {
    const response = await postForm("title=&pages=zero");
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain("Bad request (fixture page)");
    expect(page).toContain("The form field &#39;title&#39;: A thread needs a title.");
    expect(page).toContain("The form field &#39;pages&#39;:");
  });

  it("answers JSON clients with each field's problem as JSON", async () => {
    const response = await postForm("title=", "application/json");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: "The form field 'title': A thread needs a title.",
      status: 400,
      problems: [{ location: "form", field: "title", message: "A thread needs a title." }],
    });
  });

  it("validates a JSON body with Valibot, and refuses hostile values with a 400", async () => {
    expect(await (await postJson('{"text": "Hi", "tags": ["a"]}')).json()).toEqual({
      text: "Hi",
      tags: 1,
    });
    for (const body of [
      '{"text": {"toString": 1}}',
      '{"text": ""}',
      "[]",
      '"text"',
      '{"text": "x", "tags": [1]}',
    ]) {
      const response = await postJson(body);
      expect(response.status, body).toBe(400);
      const answer = await response.json();
      expect(answer.problems.length, body).toBeGreaterThan(0);
      expect(answer.problems[0].location).toBe("json");
    }
    const noBody = await served.fetch("/valibot/", { method: "POST" });
    expect(noBody.status).toBe(400);
  });

  it("validates and types the query (Zod), with defaults", async () => {
    expect(await (await served.fetch("/search/?q=cats&page=2")).json()).toEqual({
      q: "cats",
      next: 3,
    });
    expect(await (await served.fetch("/search/")).json()).toEqual({ q: "", next: 2 });
    const bad = await served.fetch("/search/?page=-1", { headers: { accept: "application/json" } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).problems[0]).toMatchObject({ location: "query", field: "page" });
  });

  it("does not check a form schema on a GET: the page with the form shows", async () => {
    expect((await served.fetch("/zod/")).status).toBe(200);
  });
});

// Random bodies, sent as JSON and as forms to a view that reads them and to a validated one:
// whatever the client sends, the answer is never a 5xx.
const jsonBody = fc.oneof(
  fc.json({ maxDepth: 12 }),
  fc.string({ maxLength: 60 }),
  fc.constantFrom(
    '{"__proto__": {}}',
    '{"title": {"toString": 1}}',
    "[".repeat(500),
    "\u0000",
    "{",
  ),
);
const formBody = fc.oneof(
  fc
    .array(fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 })), { maxLength: 30 })
    .map((pairs) =>
      pairs
        .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
        .join("&"),
    ),
  fc.string({ maxLength: 80 }),
  fc.constantFrom("__proto__=1&constructor=2", "title[]=x&title=y", "%zz=%", "=&&=="),
);

describe.each(HOSTS)("random bodies ($name)", (host) => {
  let served: Served;
  beforeAll(async () => {
    served = await serve(host, "request-data", { modules: ["data"] });
  });
  afterAll(() => served.close());

  it("never answers a random JSON or form body with a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          jsonBody.map((body) => ({ type: "application/json", body })),
          formBody.map((body) => ({ type: "application/x-www-form-urlencoded", body })),
        ),
        fc.constantFrom("/echo/", "/title/", "/zod/", "/valibot/"),
        async ({ type, body }, path) => {
          const response = await served.fetch(path, {
            method: "POST",
            headers: { "content-type": type },
            body,
          });
          await response.arrayBuffer();
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
    expect(served.logger.errors).toEqual([]);
  });
});
