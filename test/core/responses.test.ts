import { abort, HTTPException, InvalidResponse, redirect, render } from "microservices-app";
import { describe, expect, it } from "vitest";
import { type ResponseSpec, toResponseSpec } from "../../src/core/http/responses.js";
import { thrown } from "./support.js";

const HTML = "text/html; charset=utf-8";
const JSON_TYPE = "application/json; charset=utf-8";

const respond = (value: unknown): ResponseSpec | undefined =>
  toResponseSpec(value, "home.index", (result) => `rendered ${result.template}`);

/** The value of a header, by case-insensitive name. */
const header = (spec: ResponseSpec | undefined, name: string) =>
  spec?.headers.find(([key]) => key.toLowerCase() === name)?.[1];

describe("toResponseSpec", () => {
  it("sends a string as HTML with status 200", () => {
    expect(respond("<h1>Hi</h1>")).toEqual({
      status: 200,
      headers: [["content-type", HTML]],
      body: "<h1>Hi</h1>",
    });
  });

  it.each([
    ["a plain object", { id: 1, tags: ["a"] }],
    ["an array", [1, "two", { three: 3 }]],
    ["an empty array", []],
    ["an object without a prototype", Object.assign(Object.create(null), { a: 1 })],
  ])("sends %s as JSON with status 200", (_, value) => {
    expect(respond(value)).toEqual({
      status: 200,
      headers: [["content-type", JSON_TYPE]],
      body: JSON.stringify(value),
    });
  });

  it("renders render(...) as HTML", () => {
    expect(respond(render("main.html", { user: "ada" }))).toEqual({
      status: 200,
      headers: [["content-type", HTML]],
      body: "rendered main.html",
    });
  });

  it("sends bytes as application/octet-stream", () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(respond(bytes)).toEqual({
      status: 200,
      headers: [["content-type", "application/octet-stream"]],
      body: bytes,
    });
  });

  describe("tuples", () => {
    it("takes the status of [body, status]", () => {
      expect(respond(["Created", 201])).toEqual({
        status: 201,
        headers: [["content-type", HTML]],
        body: "Created",
      });
    });

    it("sends a JSON body with the status of [body, status]", () => {
      expect(respond([{ error: "nope" }, 404])).toEqual({
        status: 404,
        headers: [["content-type", JSON_TYPE]],
        body: '{"error":"nope"}',
      });
    });

    it("adds the headers of [body, status, headers], which override content-type", () => {
      expect(respond(["plain", 200, { "Content-Type": "text/plain", "X-Id": "7" }])).toEqual({
        status: 200,
        headers: [
          ["Content-Type", "text/plain"],
          ["X-Id", "7"],
        ],
        body: "plain",
      });
    });

    it("takes the headers as a Headers object", () => {
      const spec = respond(["x", 202, new Headers({ "content-type": "text/csv", "x-a": "1" })]);
      expect(spec?.status).toBe(202);
      expect(spec?.headers).toEqual([
        ["content-type", "text/csv"],
        ["x-a", "1"],
      ]);
    });

    it("renders a render(...) body with the tuple's status", () => {
      expect(respond([render("404.html"), 404])).toMatchObject({
        status: 404,
        body: "rendered 404.html",
      });
    });

    it.each([
      ["a tuple without a body", [undefined, 200]],
      ["a tuple in a tuple", [["x", 200], 201]],
    ])("refuses %s as InvalidResponse", (_, value) => {
      expect(() => respond(value)).toThrow(InvalidResponse);
    });
  });

  it("passes the status, headers and body of a web Response", async () => {
    const spec = respond(new Response("teapot", { status: 418, headers: { "x-a": "1" } }));
    expect(spec?.status).toBe(418);
    expect(header(spec, "x-a")).toBe("1");
    expect(header(spec, "content-type")).toBe("text/plain;charset=UTF-8");
    expect(spec?.body).toBeInstanceOf(ReadableStream);
    expect(await new Response(spec?.body as ReadableStream<Uint8Array>).text()).toBe("teapot");
  });

  describe("redirect()", () => {
    it("answers with Location and status 302 by default", () => {
      const spec = respond(redirect("/login/"));
      expect(spec?.status).toBe(302);
      expect(header(spec, "location")).toBe("/login/");
      expect(header(spec, "content-type")).toBe(HTML);
      expect(spec?.body).toContain('<a href="/login/">/login/</a>');
    });

    it.each([301, 302, 303, 307, 308])("answers with the status given (%i)", (status) => {
      expect(respond(redirect("/x/", status))?.status).toBe(status);
    });

    it("escapes the location in the HTML body", () => {
      expect(respond(redirect('/a?x="<b>"'))?.body).toContain("/a?x=&quot;&lt;b&gt;&quot;");
    });

    it.each([200, 304, 404, 300])("refuses a status that is not a redirect (%i)", (status) => {
      expect(() => redirect("/x/", status)).toThrow(RangeError);
      expect(() => redirect("/x/", status)).toThrow(
        `redirect() needs a redirect status (301, 302, 303, 307 or 308), got ${status}.`,
      );
    });

    it("is frozen", () => {
      expect(Object.isFrozen(redirect("/x/"))).toBe(true);
      expect(Object.isFrozen(render("a.html"))).toBe(true);
    });
  });

  it("answers undefined with undefined: the view sent the response itself", () => {
    expect(respond(undefined)).toBeUndefined();
  });

  describe("InvalidResponse", () => {
    it.each([
      ["a number", 42, "42"],
      ["null", null, "null"],
      ["a boolean", true, "true"],
      ["a named function", function page() {}, "function page"],
      ["an anonymous function", () => 1, "function (anonymous)"],
      ["a class instance", new Map(), "{}"],
      ["a Date", new Date(0), '"1970-01-01T00:00:00.000Z"'],
    ])("is raised for %s, naming the endpoint", (_, value, shown) => {
      const call = () => respond(value);
      expect(call).toThrow(InvalidResponse);
      expect(call).toThrow(
        `The view of endpoint 'home.index' returned ${shown}, which is not a response.`,
      );
      expect(thrown(call)).toMatchObject({ endpoint: "home.index", value });
    });

    it("lists what a view may return", () => {
      expect(() => respond(42)).toThrow(
        "Return a string (HTML), a plain object or array (JSON), render(...), redirect(...), a [body, status, headers?] tuple or a Response; or send the response yourself and return nothing.",
      );
    });
  });
});

describe("HTTPException and abort()", () => {
  it("abort(status) throws an HTTPException with that status", () => {
    const error = thrown(() => abort(404, "No such thread"));
    expect(error).toBeInstanceOf(HTTPException);
    expect(error).toMatchObject({
      status: 404,
      description: "No such thread",
      name: "HTTPException",
    });
    expect(error.message).toBe("No such thread");
  });

  it.each([200, 302, 600, 404.5])("refuses a status that is not an error (%d)", (status) => {
    expect(() => new HTTPException(status)).toThrow(
      `An HTTPException needs an error status (400-599), got ${status}.`,
    );
  });
});
