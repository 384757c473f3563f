// Scenarios 1, 2, 8 and 10: a routed request with one int param, ours and plain, on each host.
import { createServer } from "node:http";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import fastifyEtag from "@fastify/etag";
import express from "express";
import fastify from "fastify";
import { ruleOf } from "../lib/generate.js";
import { listening } from "./listening.js";
import { oursServers } from "./ours.js";
import type { ServerFactory } from "./types.js";

export const routingServers: Record<string, ServerFactory> = {
  ...oursServers,

  /** Express 5 as its guide recommends for modular apps: one `express.Router` per module. */
  async express({ shape }) {
    const app = express();
    for (let module = 0; module < shape.modules; module += 1) {
      const router = express.Router();
      for (let route = 0; route < shape.routesPerModule; route += 1) {
        const path = ruleOf(module, route).plain.slice(`/m${module}`.length);
        router.get(path, (req, res) => {
          res.json({ id: Number(req.params.id) });
        });
      }
      app.use(`/m${module}`, router);
    }
    return listening(app.listen(0, "127.0.0.1"));
  },

  /**
   * The same, each module's router in a file of its own (`plain-modules/m<i>.js`), as the
   * guide writes one: what the memory line compares with, since ours loads module files too.
   */
  async "express-modules"({ root, shape }) {
    const app = express();
    for (let module = 0; module < shape.modules; module += 1) {
      const file = pathToFileURL(join(root, "plain-modules", `m${module}.js`)).href;
      const { router } = (await import(file)) as { router: express.Router };
      app.use(`/m${module}`, router);
    }
    return listening(app.listen(0, "127.0.0.1"));
  },

  /**
   * Fastify 5 as its docs recommend: one plugin per module, registered with a prefix; and
   * `@fastify/etag`, weak, because this library's Fastify host tags every body as Express does,
   * so that both sides do the same work.
   */
  async fastify({ shape }) {
    const app = fastify();
    await app.register(fastifyEtag, { weak: true });
    for (let module = 0; module < shape.modules; module += 1) {
      app.register(
        async (instance) => {
          for (let route = 0; route < shape.routesPerModule; route += 1) {
            const path = ruleOf(module, route).plain.slice(`/m${module}`.length);
            instance.get<{ Params: { id: string } }>(path, async (request) => ({
              id: Number(request.params.id),
            }));
          }
        },
        { prefix: `/m${module}` },
      );
    }
    await app.listen({ port: 0, host: "127.0.0.1" });
    return app.server;
  },

  /** The ceiling: bare node:http answering the same request, its route matched by one regex. */
  async "node-http"() {
    const route = /^\/m(\d+)\/r(\d+)\/(\d+)\/$/;
    const server = createServer((request, response) => {
      const match = route.exec(request.url ?? "");
      if (!match) {
        response.writeHead(404).end();
        return;
      }
      const body = JSON.stringify({ id: Number(match[3]) });
      response.writeHead(200, {
        "content-type": "application/json; charset=utf-8",
        "content-length": Buffer.byteLength(body),
      });
      response.end(body);
    });
    return listening(server.listen(0, "127.0.0.1"));
  },
};
