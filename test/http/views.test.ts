import { InvalidResponse } from "microservices-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTS } from "../helpers/hosts.js";
import { fixture, type Served, serve } from "../helpers/serve.js";

/** What a 500 page says: Werkzeug's sentence, the same whatever the error. */
const DESCRIPTION_500 =
  "The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.";

describe.each(HOSTS)("views ($name)", (host) => {
  let served: Served;
  beforeAll(async () => {
    served = await serve(host, "views", { modules: ["returns"] });
  });
  afterAll(() => served.close());

  describe("returned values", () => {
    it("sends a string as HTML", async () => {
      const response = await served.fetch("/string/");
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(await response.text()).toBe("<p>plain string</p>");
    });

    it("sends a plain object or an array as JSON", async () => {
      const object = await served.fetch("/object/");
      expect(object.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(await object.json()).toEqual({ kind: "object", n: 1 });
      expect(await (await served.fetch("/array/")).json()).toEqual([1, 2, 3]);
    });

    it("renders render(...) with the module as the current module", async () => {
      const response = await served.fetch("/render/");
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect((await response.text()).trim()).toBe("<p>Rendered from returns</p>");
    });

    it("sends redirect(...) as a 302 by default, or the status given", async () => {
      const found = await served.fetch("/redirect/");
      expect(found.status).toBe(302);
      expect(found.headers.get("location")).toBe("/string/");
      const moved = await served.fetch("/redirect-permanent/");
      expect(moved.status).toBe(301);
      expect(moved.headers.get("location")).toBe("/string/");
    });

    it("takes the status and headers of a [body, status, headers?] tuple", async () => {
      const created = await served.fetch("/tuple/");
      expect(created.status).toBe(201);
      expect(await created.text()).toBe("created");
      const teapot = await served.fetch("/tuple-headers/");
      expect(teapot.status).toBe(418);
      expect(teapot.headers.get("x-teapot")).toBe("short and stout");
      expect(await teapot.text()).toBe("<b>teapot</b>");
      const json = await served.fetch("/tuple-json/");
      expect(json.status).toBe(422);
      expect(await json.json()).toEqual({ error: "nope" });
    });

    it("sends a web Response as it is, streamed bodies included", async () => {
      const response = await served.fetch("/response/");
      expect(response.status).toBe(202);
      expect(response.headers.get("x-web")).toBe("1");
      expect(response.headers.get("content-type")).toBe("text/plain");
      expect(await response.text()).toBe("from a Response");
      expect(await (await served.fetch("/stream/")).text()).toBe("chunk one, chunk two");
    });

    it("keeps every Set-Cookie header of a Response", async () => {
      const response = await served.fetch("/cookies/");
      expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    });

    it("sends bytes as application/octet-stream", async () => {
      const response = await served.fetch("/bytes/");
      expect(response.headers.get("content-type")).toBe("application/octet-stream");
      expect(await response.text()).toBe("raw bytes");
    });

    it("awaits async views", async () => {
      expect(await (await served.fetch("/async/")).json()).toEqual({ async: true });
    });

    it("gives a page a weak ETag, and answers If-None-Match with a 304 and no body", async () => {
      const first = await served.raw("/render/");
      expect(first.headers.etag).toMatch(/^W\/"[^"]+"$/);
      const again = await served.raw("/render/", {
        headers: { "if-none-match": first.headers.etag as string },
      });
      expect(again.status).toBe(304);
      expect(again.body).toBe("");
      expect(again.headers["content-type"]).toBeUndefined();
      const stale = await served.raw("/render/", { headers: { "if-none-match": 'W/"other"' } });
      expect(stale.status).toBe(200);
    });

    it("gives the same ETag to the same body on every request", async () => {
      const [one, two] = await Promise.all([served.raw("/object/"), served.raw("/object/")]);
      expect(one.headers.etag).toMatch(/^W\/"[^"]+"$/);
      expect(one.headers.etag).toBe(two.headers.etag);
    });
  });

  describe("the request a view gets", () => {
    it("has the method, the raw url, the query (repeated keys as arrays) and the module", async () => {
      const response = await served.fetch("/echo/?tag=a&tag=b&page=2&empty=");
      expect(await response.json()).toMatchObject({
        method: "GET",
        url: "/echo/?tag=a&tag=b&page=2&empty=",
        query: { tag: ["a", "b"], page: "2", empty: "" },
        module: "returns",
      });
    });

    it("builds external URLs from the request's Host header", async () => {
      const { self, host } = await (await served.fetch("/echo/")).json();
      expect(self).toBe(`http://${host}/echo/`);
      const proxied = await served.raw("/echo/", { headers: { host: "example.org:8080" } });
      expect(JSON.parse(proxied.body).self).toBe("http://example.org:8080/echo/");
    });

    it("answers a HEAD on a streamed body with the GET's headers, cancelling the stream after at most one chunk", async () => {
      const get = await served.fetch("/counted-stream/");
      expect(await get.text()).toBe("chunk ".repeat(1000));
      expect(await (await served.fetch("/counted-stream/report/")).json()).toEqual({
        pulled: 1000,
        cancelled: false,
      });
      const head = await served.fetch("/counted-stream/", { method: "HEAD" });
      const { pulled, cancelled } = await (await served.fetch("/counted-stream/report/")).json();
      expect(cancelled).toBe(true);
      expect(pulled).toBeLessThanOrEqual(1);
      expect(head.status).toBe(get.status);
      // Node frames the bodiless HEAD itself (no chunked encoding, the connection closed):
      // those headers, and the date, are the server's; every other one must be the GET's.
      const framing = ["date", "connection", "keep-alive", "transfer-encoding"];
      const headers = (response: Response) =>
        [...response.headers].filter(([name]) => !framing.includes(name));
      expect(headers(head)).toEqual(headers(get));
    });

    it("answers a HEAD with the GET's headers", async () => {
      const get = await served.raw("/object/");
      const head = await served.raw("/object/", { method: "HEAD" });
      expect(head.status).toBe(200);
      expect(head.headers["content-type"]).toBe("application/json; charset=utf-8");
      expect(head.headers["content-length"]).toBe(get.headers["content-length"]);
      expect(head.headers.etag).toBe(get.headers.etag);
    });
  });

  describe("errors in production", () => {
    // The fixture's 500.html shows the status and description it is given: were the error's
    // message passed to it, it would show it.
    it.each([
      ["/throws/", "the view broke at /srv/secret/path.ts"],
      ["/rejects/", "async failure in the view"],
    ])(
      "answers %s with the 500.html page, given no message, stack or path",
      async (path, message) => {
        const response = await served.fetch(path);
        expect(response.status).toBe(500);
        const body = await response.text();
        expect(body).toBe(`<h1>Our own 500 page</h1>\n<p>500: ${DESCRIPTION_500}</p>`);
        expect(body).not.toContain(message);
      },
    );

    it.each([
      ["/throws/", "the view broke at /srv/secret/path.ts"],
      ["/rejects/", "async failure in the view"],
    ])(
      "answers %s without a 500.html with the built-in page, which shows no message, stack or path",
      async (path, message) => {
        const builtIn = await serve(host, "views", {
          modules: ["returns"],
          options: { templateFolder: "no-templates" },
        });
        try {
          const response = await builtIn.fetch(path);
          expect(response.status).toBe(500);
          const body = await response.text();
          expect(body).toBe(
            `<!doctype html>\n<html lang="en">\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n<p>${DESCRIPTION_500}</p>\n`,
          );
          expect(body).not.toContain(message);
        } finally {
          await builtIn.close();
        }
      },
    );

    it("logs the error with the request, and keeps serving", async () => {
      await served.fetch("/throws/");
      expect(served.logger.lines.at(-1)).toBe(
        "error: GET /throws/ failed with a 500: Error: the view broke at /srv/secret/path.ts",
      );
      expect((await served.fetch("/string/")).status).toBe(200);
    });

    it("answers a view that throws something other than an Error with a logged 500", async () => {
      const response = await served.fetch("/throws-string/");
      expect(response.status).toBe(500);
      expect(await response.text()).not.toContain("a string");
      expect(served.logger.lines.at(-1)).toBe(
        "error: GET /throws-string/ failed with a 500: a string, not an Error",
      );
    });

    it("answers abort(403) with the 403 page, not logged as an error", async () => {
      const before = served.logger.errors.length;
      const response = await served.fetch("/forbidden/");
      expect(response.status).toBe(403);
      expect(await response.text()).toContain("403 Forbidden");
      expect(served.logger.errors.length).toBe(before);
    });

    it("sends an HTTPException's headers with its page, and logs none", async () => {
      const before = served.logger.errors.length;
      const unauthorized = await served.fetch("/unauthorized/");
      expect(unauthorized.status).toBe(401);
      expect(unauthorized.headers.get("www-authenticate")).toBe('Basic realm="returns"');
      expect(await unauthorized.text()).toContain("Log in first.");
      const unavailable = await served.fetch("/unavailable/");
      expect(unavailable.status).toBe(503);
      expect(unavailable.headers.get("retry-after")).toBe("120");
      expect(await unavailable.text()).toContain("Back soon.");
      expect(served.logger.errors.length).toBe(before);
    });

    it("answers a view that returns a non-response with a 500, logging an InvalidResponse", async () => {
      expect((await served.fetch("/invalid/")).status).toBe(500);
      const error = served.logger.errors.at(-1);
      expect(error).toBeInstanceOf(InvalidResponse);
      expect((error as Error).message).toContain(
        "The view of endpoint 'returns.invalid' returned 42",
      );
    });
  });

  describe("error pages", () => {
    it("uses the <status>.html template when one exists (Django's convention)", async () => {
      const response = await served.fetch("/throws/");
      expect(response.status).toBe(500);
      expect(await response.text()).toContain("Our own 500 page");
    });

    it("falls back to the built-in page without one", async () => {
      const response = await served.fetch("/no/such/page/");
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(await response.text()).toContain("<title>404 Not Found</title>");
    });
  });

  describe("with debug on", () => {
    let debug: Served;
    beforeAll(async () => {
      debug = await serve(host, "views", { modules: ["returns"], options: { debug: true } });
    });
    afterAll(() => debug.close());

    it("shows the error and its stack on the 500 page, escaped", async () => {
      const response = await debug.fetch("/throws/");
      expect(response.status).toBe(500);
      const body = await response.text();
      expect(body).toContain("Error: the view broke at /srv/secret/path.ts");
      expect(body).toContain(fixture("views"));
      expect(body).toContain("<pre>");
    });

    it("shows the folders searched for a missing template", async () => {
      const body = await (await debug.fetch("/missing-template/")).text();
      expect(body).toContain(
        "TemplateNotFound: Template &quot;no-such-template.html&quot; not found. Searched, in order:",
      );
    });
  });
});
