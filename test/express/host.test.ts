import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { MicroServicesApp } from "microservices-app";
import { describe, expect, it } from "vitest";
import { fixture } from "../helpers/serve.js";
import { startApps } from "../helpers/start.js";

// Host-specific API only: the shared behaviour is in test/http/, run on every host.

const start = startApps(
  (logger) => new MicroServicesApp(fixture("express-native"), { logger }),
  ["native"],
);

describe("native Express views", () => {
  it("may return res itself, as expression bodies like (req, res) => res.send(...) do", async () => {
    const { get, logger } = await start();
    expect(await (await get("/native/expression/")).text()).toBe("sent by an expression body");
    expect(await (await get("/native/async-json/")).json()).toEqual({ async: true });
    expect(logger.lines).toEqual([]);
  });

  it("pass control on with next(): to routes on app.express, else to the 404", async () => {
    const plain = await start();
    expect((await plain.get("/native/next/")).status).toBe(404);
    const withRoute = await start((app) => {
      app.express.get("/native/next/", (_req, res) => {
        res.send("express route");
      });
    });
    expect(await (await withRoute.get("/native/next/")).text()).toBe("express route");
  });
});

describe("a returned body", () => {
  /** The headers of a response, in order, but its date. */
  const headersOf = (response: Response) =>
    [...response.headers].filter(([name]) => name !== "date");

  it("gets the headers res.json gives the same body, a 304 included", async () => {
    const { get } = await start();
    const native = await get("/native/async-json/");
    const returned = await get("/native/returned-json/");
    // The same names, in the same order; the ETag's hash is the library's (see weakETag).
    const named = (response: Response) =>
      headersOf(response).map(([name, value]) => [name, name === "etag" ? "" : value]);
    expect(named(returned)).toEqual(named(native));
    expect(returned.headers.get("etag")).toMatch(/^W\/"e-[0-9a-f]{16}"$/);
    expect(await returned.text()).toBe(await native.text());
    const etag = returned.headers.get("etag") as string;
    // Given a Cache-Control, fetch does not add its own "no-cache", which would refuse the 304.
    const conditional = { headers: { "if-none-match": etag, "cache-control": "max-age=60" } };
    const nativeConditional = {
      headers: { ...conditional.headers, "if-none-match": native.headers.get("etag") as string },
    };
    const [nativeAgain, returnedAgain] = await Promise.all([
      get("/native/async-json/", nativeConditional),
      get("/native/returned-json/", conditional),
    ]);
    expect([nativeAgain.status, returnedAgain.status]).toEqual([304, 304]);
    expect(named(returnedAgain)).toEqual(named(nativeAgain));
  });

  it("follows the app's etag setting, as res.send does", async () => {
    const { app, get } = await start();
    expect((await get("/native/returned-json/")).headers.get("etag")).toMatch(/^W\/"/);
    app.express.set("etag", "strong");
    const strong = await get("/native/returned-json/");
    expect(strong.headers.get("etag")).toMatch(/^"/);
    expect(strong.headers.get("etag")).toBe((await get("/native/async-json/")).headers.get("etag"));
    app.express.set("etag", false);
    const untagged = await get("/native/returned-json/");
    expect(untagged.headers.get("etag")).toBeNull();
    expect(untagged.headers.get("content-length")).toBe("14");
    // Untagged, the twin of res.send still writes what res.json would, header for header.
    expect(headersOf(untagged)).toEqual(headersOf(await get("/native/async-json/")));
  });
});

describe("Express's request and response", () => {
  const expected = {
    originalUrl: "/native/fields/?a=1&a=2",
    baseUrl: "",
    path: "/native/fields/",
    query: { a: ["1", "2"] },
    next: "function",
    locals: [],
    app: true,
  };

  it("are complete when the modules are all there is (the dispatcher runs directly)", async () => {
    const { get } = await start();
    const response = await get("/native/fields/?a=1&a=2");
    expect(response.headers.get("x-view")).toBe("fields");
    expect(await response.json()).toEqual(expected);
  });

  it("are the same through Express's router, with middleware or routes of app.express", async () => {
    const withMiddleware = await start((app) => app.use((_req, _res, next) => next()));
    expect(await (await withMiddleware.get("/native/fields/?a=1&a=2")).json()).toEqual(expected);
    const withRoute = await start((app) => app.express.get("/other/", (_req, res) => res.end()));
    expect(await (await withRoute.get("/native/fields/?a=1&a=2")).json()).toEqual(expected);
  });

  it("give X-Powered-By when the app enables it, on either path (direct, and Express's router)", async () => {
    const direct = await start();
    direct.app.express.enable("x-powered-by");
    expect((await direct.get("/native/fields/")).headers.get("x-powered-by")).toBe("Express");
    const routed = await start((app) => app.use((_req, _res, next) => next()));
    routed.app.express.enable("x-powered-by");
    expect((await routed.get("/native/fields/")).headers.get("x-powered-by")).toBe("Express");
  });
});

describe("app.use", () => {
  it("applies Express middleware to module routes, even when added after registerUrls", async () => {
    const { app, get } = await start();
    app.use((_req, res, next) => {
      res.locals.stamp = "stamped";
      next();
    });
    expect(await (await get("/native/locals/")).json()).toEqual({ stamp: "stamped" });
  });

  it("takes a path, like Express", async () => {
    const { get } = await start((app) =>
      app.use("/native/locals", (_req, res, next) => {
        res.setHeader("x-scoped", "yes");
        next();
      }),
    );
    expect((await get("/native/locals/")).headers.get("x-scoped")).toBe("yes");
    expect((await get("/native/7/")).headers.get("x-scoped")).toBeNull();
  });

  it("runs body parsers before views, and a malformed body is a 400, not a 500", async () => {
    const { get } = await start((app) => app.use(express.json()));
    const response = await get("/native/body/", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ hello: "world" }),
    });
    expect(await response.json()).toEqual({ received: { hello: "world" } });
    const malformed = await get("/native/body/", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain("400 Bad Request");
  });

  it("puts error middleware (four arguments) after the routes", async () => {
    const { get } = await start((app) =>
      app.use(
        (
          error: Error,
          _req: express.Request,
          res: express.Response,
          _next: express.NextFunction,
        ) => {
          res.status(503).send(`handled: ${error.message}`);
        },
      ),
    );
    const response = await get("/native/error/");
    expect(response.status).toBe(503);
    expect(await response.text()).toBe("handled: boom from next");
  });
});

describe("the server", () => {
  it("exposes the Express app as app.express", () => {
    const app = new MicroServicesApp(fixture("express-native"));
    expect(app.express.disabled("x-powered-by")).toBe(true);
  });

  it("serves through app.handler, a plain Node request listener", async () => {
    const app = new MicroServicesApp(fixture("express-native"));
    await app.registerUrls(["native"]);
    const server = createServer(app.handler);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      expect(await (await fetch(`http://127.0.0.1:${port}/native/3/`)).text()).toBe(
        "native 3 number /native/4/",
      );
      expect((await fetch(`http://127.0.0.1:${port}/nothing/`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
