import { MicroServicesApp, url, type ViewRequest } from "microservices-app";
import { MicroServicesApp as FastifyApp } from "microservices-app/fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTS, type TestApp } from "../helpers/hosts.js";
import { type Served, serve } from "../helpers/serve.js";

// Each host's native fixture has a module "guarded" whose blueprint.use() middleware is
// written the host's way (Express middleware, Fastify hooks); what a client sees is the same.

/** A host-wide middleware that reports what it saw of the match, before any view runs. */
function reportMatch(app: TestApp): void {
  if (app instanceof MicroServicesApp) {
    app.use((req, res, next) => {
      res.setHeader("x-module", String(req.module));
      res.setHeader("x-endpoint", req.urlRule?.endpoint ?? "none");
      next();
    });
  } else if (app instanceof FastifyApp) {
    app.fastify.addHook("onRequest", async (request, reply) => {
      reply.header("x-module", String(request.module));
      reply.header("x-endpoint", request.urlRule?.endpoint ?? "none");
    });
  }
}

describe.each(HOSTS)("module middleware and the match in host middleware ($name)", (host) => {
  let served: Served;
  beforeAll(async () => {
    served = await serve(host, host.nativeFixture, {
      modules: ["guarded"],
      appUrls: [
        url("/open/", (req: ViewRequest) => ({ seen: req.headers["x-mw"] ?? null }), "open"),
      ],
      configure: reportMatch,
    });
  });
  afterAll(() => served.close());

  it("runs the module's middleware before its view", async () => {
    const response = await served.fetch("/guarded/");
    expect(await response.json()).toEqual({
      seen: `${host.name} middleware for guarded`,
      module: "guarded",
    });
  });

  it("runs it for that module's routes only", async () => {
    expect(await (await served.fetch("/open/")).json()).toEqual({ seen: null });
  });

  it("sends what a middleware answered, and the view does not run", async () => {
    const response = await served.fetch("/guarded/?deny");
    expect(response.status).toBe(401);
    expect(await response.text()).toBe("denied by the middleware");
  });

  it.each(["fail", "reject"])(
    "answers a middleware's failure (%s) with the 500 page",
    async (how) => {
      const response = await served.fetch(`/guarded/?${how}`);
      expect(response.status).toBe(500);
      expect(await response.text()).not.toContain("middleware failed");
    },
  );

  it("shows host middleware the module and the rule, matched before it runs", async () => {
    const guarded = await served.fetch("/guarded/");
    expect(guarded.headers.get("x-module")).toBe("guarded");
    expect(guarded.headers.get("x-endpoint")).toBe("guarded.index");
    const open = await served.fetch("/open/");
    expect(open.headers.get("x-module")).toBe("null");
    expect(open.headers.get("x-endpoint")).toBe("open");
    const nothing = await served.fetch("/nothing/");
    expect(nothing.status).toBe(404);
    expect(nothing.headers.get("x-endpoint")).toBe("none");
  });
});
