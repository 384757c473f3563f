// Scenario 9: a module page extending a root template, vs the host's own Nunjucks integration.
import { join } from "node:path";
import fastifyEtag from "@fastify/etag";
import fastifyView from "@fastify/view";
import express from "express";
import fastify from "fastify";
import nunjucks from "nunjucks";
import { PAGE_CONTEXT } from "../lib/generate.js";
import { listening } from "./listening.js";
import { oursServers } from "./ours.js";
import type { ServerFactory } from "./types.js";

/** The page's URL: the last module's page route (ours), the same path on the plain sides. */
export const pagePath = (modules: number): string => `/m${modules - 1}/page/`;

export const templateServers: Record<string, ServerFactory> = {
  ...oursServers,

  /** Express with Nunjucks as Nunjucks's docs set it up: `configure(folder, { express: app })`. */
  async express({ root, shape }) {
    const app = express();
    nunjucks.configure(join(root, "plain-templates"), { autoescape: true, express: app });
    app.get(pagePath(shape.modules), (_req, res) => {
      res.render("page.html", PAGE_CONTEXT);
    });
    return listening(app.listen(0, "127.0.0.1"));
  },

  /**
   * Fastify with `@fastify/view` and Nunjucks on one folder, in production mode (cached), and
   * `@fastify/etag` (weak): this library's pages carry an ETag, as Express's do.
   */
  async fastify({ root, shape }) {
    const app = fastify();
    await app.register(fastifyEtag, { weak: true });
    await app.register(fastifyView, {
      engine: { nunjucks },
      templates: join(root, "plain-templates"),
      production: true,
    });
    app.get(pagePath(shape.modules), (_request, reply) => reply.view("page.html", PAGE_CONTEXT));
    await app.listen({ port: 0, host: "127.0.0.1" });
    return app.server;
  },
};
