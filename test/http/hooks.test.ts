import { randomUUID } from "node:crypto";
import express from "express";
import { MicroServicesApp, render, url } from "microservices-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installAppHooks } from "../fixtures/hooks/app-hooks.js";
import { afterTeardown } from "../fixtures/hooks/events.js";
import { HOSTS } from "../helpers/hosts.js";
import { type Served, serve } from "../helpers/serve.js";

// The fixture "hooks": app-level hooks (fixtures/hooks/app-hooks.ts) and modules with their
// own. Every hook and view records itself under the request's x-trace header; a test waits
// for the request's last teardown hook before it reads what ran.

describe.each(HOSTS)("request hooks ($name)", (host) => {
  let served: Served;
  beforeAll(async () => {
    served = await serve(host, "hooks", {
      modules: ["shop", "api", "admin", "blog"],
      appUrls: [
        url("/about/", () => "about", "about"),
        url("/page/", () => render("page.html", { title: "app page" }), "page"),
        url("/login/", () => "login page", "login"),
      ],
      configure: (app) => {
        installAppHooks(app);
        // Express parses no body by itself. Its parser's 400 is raised by host middleware,
        // before the view: the API module's handlers see it all the same (req.module is known).
        if (app instanceof MicroServicesApp) app.use(express.json());
      },
    });
  });
  afterAll(() => served.close());

  /** A request with a fresh trace, and the events of its hooks once it is torn down. */
  async function traced(path: string, init: RequestInit = {}) {
    const trace = randomUUID();
    const events = afterTeardown(trace);
    const headers = { ...(init.headers as Record<string, string>), "x-trace": trace };
    // A response cut mid-way may fail the fetch itself: it is then `undefined`.
    const response = await served.fetch(path, { ...init, headers }).catch(() => undefined);
    const body = (await response?.text().catch(() => undefined)) ?? "(cut)";
    return { response: response as Response, body, events: await events };
  }

  describe("order", () => {
    /** Every hook of the app and of the shop module, in the order Flask runs them around a view. */
    const FLASK_ORDER = [
      "app preprocess",
      "shop preprocess shop.index",
      "app before",
      "shop before 1",
      "shop before 2",
      "view",
      "shop after 2",
      "shop after 1",
      "app after",
      "shop teardown: none",
      "app teardown: none",
    ];

    it("runs the app's hooks around the module's, in Flask's order, around the view", async () => {
      const { response, body, events } = await traced("/shop/");
      expect(body).toBe("shop view");
      expect(response.headers.get("x-order")).toBe("shop2, shop1, app");
      expect(events).toEqual(FLASK_ORDER);
    });

    it("runs the hooks after one that returns a promise once it settles, in the same order", async () => {
      const { body, events } = await traced("/shop/?async-before=1");
      expect(body).toBe("shop view");
      expect(events).toEqual(FLASK_ORDER);
      const stopped = await traced("/shop/?async-before=1&stop=1");
      expect([stopped.response.status, stopped.body]).toEqual([202, "stopped by shop"]);
      expect(stopped.events).not.toContain("shop before 2");
      expect(stopped.events).not.toContain("view");
      const failed = await traced("/shop/?async-before=1&throw=before");
      expect(failed.response.status).toBe(500);
      expect(failed.events).not.toContain("view");
      expect(failed.events.slice(-2)).toEqual([
        "shop teardown: before failed",
        "app teardown: before failed",
      ]);
    });

    it("runs only the app's hooks for an app-level url, and for an unrouted one", async () => {
      const about = await traced("/about/");
      expect(about.body).toBe("about");
      expect(about.response.headers.get("x-order")).toBe("app");
      expect(about.events).toEqual([
        "app preprocess",
        "app before",
        "app after",
        "app teardown: none",
      ]);
      const unrouted = await traced("/no/such/page/");
      expect(unrouted.response.status).toBe(404);
      expect(unrouted.body).toContain("root 404 page");
      expect(unrouted.response.headers.get("x-order")).toBe("app");
      expect(unrouted.events).toEqual(["app before", "app after", "app teardown: none"]);
    });
  });

  describe("short-circuits", () => {
    it("sends what a beforeRequest hook returned: the later hooks and the view do not run", async () => {
      const { response, body, events } = await traced("/shop/?stop=1");
      expect(response.status).toBe(202);
      expect(body).toBe("stopped by shop");
      expect(events).not.toContain("shop before 2");
      expect(events).not.toContain("view");
      // Flask runs the after hooks on that response too.
      expect(response.headers.get("x-order")).toBe("shop2, shop1, app");
    });

    it("sends the response an afterRequest hook returned instead, to the hooks after it", async () => {
      const { response, body } = await traced("/shop/?replace=1");
      expect(response.status).toBe(203);
      expect(body).toBe("replaced by shop");
      expect(response.headers.get("x-order")).toBe("shop1, app");
    });
  });

  describe("error handlers", () => {
    it("handles an error by its class, the most specific class with a handler winning", async () => {
      const shop = await traced("/shop/shop-error/");
      expect(shop.response.status).toBe(418);
      expect(JSON.parse(shop.body)).toEqual({ shopError: "out of stock" });
      expect(shop.events.at(-1)).toBe("app teardown: none");
      const special = await traced("/shop/special-error/");
      expect(special.response.status).toBe(418);
      expect(JSON.parse(special.body)).toEqual({ shopError: "special" });
    });

    it("handles abort() by status, and runs the after hooks on the handler's response", async () => {
      const { response, body } = await traced("/shop/forbidden/");
      expect(response.status).toBe(403);
      expect(body).toBe("shop forbids");
      expect(response.headers.get("x-order")).toBe("shop2, shop1, app");
    });

    it("leaves a module's errors to the app's handlers only after its own, never another module's", async () => {
      // The shop's 403 handler is the shop's: the api module's 403 is the default page.
      const response = await served.fetch("/admin/", { headers: { cookie: "user=admin" } });
      expect(await response.text()).toBe("admin home");
      const blog = await traced("/blog/999/");
      expect(blog.response.status).toBe(404);
      expect(blog.body).toContain("root 404 page");
    });

    it("sends the default error page, and logs, when a handler throws", async () => {
      const from = served.logger.lines.length;
      const { response, body } = await traced("/shop/handler-bomb/");
      expect(response.status).toBe(500);
      expect(body).toContain("<title>500 Internal Server Error</title>");
      expect(body).not.toContain("bomb");
      expect(served.logger.lines.slice(from).join("\n")).toContain(
        "error: The error handler of GET /shop/handler-bomb/ failed (Error: the handler itself failed), so the default error page was sent for: Error: bomb",
      );
    });
  });

  describe("failures", () => {
    it("answers a beforeRequest hook that throws with the 500 page, and gives teardown the error", async () => {
      const from = served.logger.lines.length;
      const { response, body, events } = await traced("/shop/?throw=before");
      expect(response.status).toBe(500);
      expect(body).not.toContain("before failed");
      expect(events).not.toContain("view");
      expect(events.slice(-2)).toEqual([
        "shop teardown: before failed",
        "app teardown: before failed",
      ]);
      expect(served.logger.lines.slice(from).join("\n")).toContain(
        "error: GET /shop/?throw=before failed with a 500: Error: before failed",
      );
    });

    it("answers an afterRequest hook that throws with the 500 page, sent as it is when it throws again", async () => {
      const from = served.logger.lines.length;
      const { response, events } = await traced("/shop/?throw=after");
      expect(response.status).toBe(500);
      expect(events).toContain("view");
      expect(served.logger.lines.slice(from).join("\n")).toContain(
        "error: An afterRequest hook of GET /shop/?throw=after failed on its error response (Error: after failed); the response was sent as it was.",
      );
    });

    it("answers an afterRequest hook that throws at once like one whose promise rejects", async () => {
      const from = served.logger.lines.length;
      const { response, events } = await traced("/about/?throw=app-after");
      expect(response.status).toBe(500);
      expect(events).toEqual([
        "app preprocess",
        "app before",
        "app after",
        "app after",
        "app teardown: app after failed",
      ]);
      expect(served.logger.lines.slice(from).join("\n")).toContain(
        "error: An afterRequest hook of GET /about/?throw=app-after failed on its error response (Error: app after failed); the response was sent as it was.",
      );
    });

    it("logs an error once the response started, cuts it, and gives teardown the error", async () => {
      const from = served.logger.lines.length;
      const { body, events } = await traced("/shop/cut/");
      expect(body).toBe("(cut)");
      expect(events.slice(-2)).toEqual([
        "shop teardown: failed after the response started",
        "app teardown: failed after the response started",
      ]);
      expect(served.logger.lines.slice(from).join("\n")).toContain(
        "error: GET /shop/cut/ failed after its response had started",
      );
    });

    it("gives teardown the error a view threw that no handler took", async () => {
      const { response, events } = await traced("/shop/throws/");
      expect(response.status).toBe(500);
      expect(events.at(-1)).toBe("app teardown: the shop view failed");
    });
  });

  it("merges the context processors into templates: the app's, then the module's, then the view's", async () => {
    expect((await traced("/shop/page/")).body).toBe(
      "<p>Hooked site / shop / yes / page of shop</p>",
    );
    expect((await traced("/page/")).body).toBe("<p>Hooked site / app /  / app page</p>");
  });

  describe("a JSON API module", () => {
    it("answers its 404, its 500 and what its views throw in JSON", async () => {
      const item = await served.fetch("/api/items/1/");
      expect(await item.json()).toEqual({ id: 1, name: "first" });
      const missing = await served.fetch("/api/items/2/");
      expect(missing.status).toBe(404);
      expect(missing.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(await missing.json()).toEqual({
        error: "not found",
        description: "There is no such item.",
      });
      const crash = await served.fetch("/api/crash/");
      expect(crash.status).toBe(500);
      expect(await crash.json()).toEqual({ error: "internal error" });
    });

    it("answers malformed JSON with its own 400 in JSON, and reads good JSON", async () => {
      const post = (body: string) =>
        served.fetch("/api/items/", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        });
      const bad = await post("{not json");
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({ error: "bad request" });
      const good = await post('{"name":"second"}');
      expect(await good.json()).toEqual({ received: { name: "second" } });
    });

    it("leaves unrouted URLs under /api/ to the app's handlers, which answer them in JSON", async () => {
      const nothing = await served.fetch("/api/nothing");
      expect(nothing.status).toBe(404);
      expect(await nothing.json()).toEqual({ error: "not found", where: "app handler" });
      const method = await served.fetch("/api/items/1/", { method: "DELETE" });
      expect(method.status).toBe(405);
      expect(method.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
      expect(await method.json()).toEqual({ error: "method not allowed" });
      // A path that cannot be decoded is the router's 400, on both hosts.
      const malformed = await served.raw("/api/%zz/");
      expect(malformed.status).toBe(400);
      expect(JSON.parse(malformed.body)).toEqual({ error: "bad request", where: "app handler" });
      // Elsewhere the handlers pass (undefined): the root's page.
      expect(await (await served.fetch("/nothing/")).text()).toContain("root 404 page");
    });
  });

  describe("an admin guard (beforeRequest)", () => {
    it("redirects to the login page without the admin cookie, and lets the admin in", async () => {
      const out = await served.fetch("/admin/");
      expect(out.status).toBe(302);
      expect(out.headers.get("location")).toBe("/login/?next=%2Fadmin%2F");
      const admin = await served.fetch("/admin/", { headers: { cookie: "user=admin" } });
      expect(await admin.text()).toBe("admin home");
    });

    it("guards the module's static files too", async () => {
      expect((await served.fetch("/static_admin/secret.txt")).status).toBe(302);
      const admin = await served.fetch("/static_admin/secret.txt", {
        headers: { cookie: "user=admin" },
      });
      expect(await admin.text()).toBe("admin only\n");
    });
  });
});

describe.each(HOSTS)("error pages ($name)", (host) => {
  let served: Served;
  beforeAll(async () => {
    served = await serve(host, "hooks", { modules: ["shop", "blog"] });
  });
  afterAll(() => served.close());

  it("renders a module's own <status>.html for its errors", async () => {
    const response = await served.fetch("/shop/missing/");
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("shop 404 page");
  });

  it.each(["/blog/999/", "/no/such/page/", "/shop/no-such-item/"])(
    "renders the root's, never another module's, for %s",
    async (path) => {
      const response = await served.fetch(path);
      expect(response.status).toBe(404);
      const body = await response.text();
      expect(body).toContain("root 404 page");
      expect(body).not.toContain("shop 404 page");
    },
  );
});
