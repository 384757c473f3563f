import formbody from "@fastify/formbody";
import fastifyPlugin from "fastify-plugin";
import { type FastifyAppOptions, MicroServicesApp } from "microservices-app/fastify";
import { describe, expect, it } from "vitest";
import { captureLogger } from "../helpers/logger.js";
import { fixture } from "../helpers/serve.js";
import { startApps } from "../helpers/start.js";

// Host-specific API only: the shared behaviour is in test/http/, run on every host.

const start = startApps(
  (logger, options?: FastifyAppOptions) =>
    new MicroServicesApp(fixture("fastify-native"), { logger, ...options }),
  ["native"],
);

const postJson = (body: string): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body,
});

describe("native Fastify views", () => {
  it("may return reply itself, as `return reply.send(...)` does", async () => {
    const { get, logger } = await start();
    const response = await get("/native/returns-reply/");
    expect(response.status).toBe(201);
    expect(await response.text()).toBe("sent");
    expect(logger.lines).toEqual([]);
  });

  it("may send from an async handler and return nothing", async () => {
    const { get, logger } = await start();
    const response = await get("/native/async-send/");
    expect(response.headers.get("x-native")).toBe("yes");
    expect(await response.json()).toEqual({ async: true });
    expect(logger.lines).toEqual([]);
  });
});

describe("plugins and hooks", () => {
  it("applies a plugin's hooks to module routes (fastify-plugin), even when registered after the modules", async () => {
    const stamper = fastifyPlugin(async (instance) => {
      instance.decorateRequest("stamp", "");
      instance.addHook("onRequest", async (request) => {
        (request as typeof request & { stamp: string }).stamp = "stamped";
      });
    });
    const { get } = await start((app) => app.register(stamper));
    expect(await (await get("/native/stamp/")).json()).toEqual({ stamp: "stamped" });
  });

  it("reads bodies itself (request.body), and a parser a plugin adds still wins (@fastify/formbody)", async () => {
    const { get } = await start((app) => app.register(formbody));
    const json = await get("/native/body/", postJson(JSON.stringify({ hello: "world" })));
    expect(await json.json()).toEqual({ received: { hello: "world" } });
    const form = await get("/native/body/", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "name=editor&tag=a&tag=b",
    });
    expect(await form.json()).toEqual({ received: { name: "editor", tag: ["a", "b"] } });
  });

  it("answers a malformed body with a 400, and an unknown type with the app's 415 page", async () => {
    const { get, logger } = await start();
    const malformed = await get("/native/body/", postJson("{not json"));
    expect(malformed.status).toBe(400);
    // A client that sent JSON gets its error as JSON.
    expect((await malformed.json()).error).toBe("The request body is not valid JSON.");
    const unknown = await get("/native/body/", {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: "name,editor",
    });
    expect(unknown.status).toBe(415);
    expect(await unknown.text()).toContain("415 Unsupported Media Type");
    expect(logger.errors).toEqual([]);
  });

  it("lets an onError hook see the errors of module views", async () => {
    const seen: string[] = [];
    const { get } = await start((app) =>
      app.fastify.addHook("onError", async (_request, _reply, error) => {
        seen.push(error.message);
      }),
    );
    expect((await get("/native/error/")).status).toBe(500);
    expect(seen).toEqual(["boom from reply.send"]);
  });
});

describe("the Fastify instance", () => {
  it("is app.fastify", () => {
    const app = new MicroServicesApp(fixture("fastify-native"));
    expect(app.fastify.hasRequestDecorator("urlFor")).toBe(true);
  });

  it("serves module routes through fastify.inject, without a socket", async () => {
    const app = new MicroServicesApp(fixture("fastify-native"), { logger: captureLogger() });
    await app.registerUrls(["native"]);
    const response = await app.fastify.inject({ method: "GET", url: "/native/3/" });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe("native 3 number /native/4/");
    await app.close();
  });

  it("runs routes of your own added to app.fastify; the modules answer every other path", async () => {
    const { get } = await start((app) =>
      app.fastify.get("/health", async () => ({ healthy: true })),
    );
    expect(await (await get("/health")).json()).toEqual({ healthy: true });
    expect((await get("/native/3/")).status).toBe(200);
    expect((await get("/nothing/")).status).toBe(404);
  });

  it("leaves app.fastify.setErrorHandler to your own routes; module views keep the app's error pages", async () => {
    const { get } = await start((app) => {
      app.fastify.setErrorHandler((error: Error, _request, reply) => {
        reply.code(503).send(`own handler: ${error.message}`);
      });
      app.fastify.get("/own-failure", async () => {
        throw new Error("own route broke");
      });
    });
    const own = await get("/own-failure");
    expect(own.status).toBe(503);
    expect(await own.text()).toBe("own handler: own route broke");
    const module = await get("/native/error/");
    expect(module.status).toBe(500);
    expect(await module.text()).toContain("500 Internal Server Error");
  });

  it("takes Fastify's own server options (trustProxy here)", async () => {
    const { get } = await start(undefined, { fastifyOptions: { trustProxy: true } });
    const response = await get("/native/external/", {
      headers: { "x-forwarded-proto": "https", "x-forwarded-host": "example.org" },
    });
    expect(await response.text()).toBe("https://example.org/native/external/");
  });
});
