// Scenario 4: a root static file with 50 enabled modules, vs one static folder on each host.
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import express from "express";
import fastify from "fastify";
import { listening } from "./listening.js";
import { oursServers } from "./ours.js";
import type { ServerFactory } from "./types.js";

export const staticServers: Record<string, ServerFactory> = {
  ...oursServers,

  /** One `express.static` on the one folder, mounted where ours serves. */
  async express({ root }) {
    const app = express();
    app.use("/static", express.static(join(root, "static")));
    return listening(app.listen(0, "127.0.0.1"));
  },

  /** `@fastify/static` on the one folder. */
  async fastify({ root }) {
    const app = fastify();
    await app.register(fastifyStatic, { root: join(root, "static"), prefix: "/static/" });
    await app.listen({ port: 0, host: "127.0.0.1" });
    return app.server;
  },
};
