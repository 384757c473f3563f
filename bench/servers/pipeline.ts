// Scenarios 11, 12 and 13: module hooks, a validated JSON POST, and a small static file against
// what plain Fastify and bare node:http do for the same request.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import fastifyEtag from "@fastify/etag";
import fastify from "fastify";
import { HOOK_HEADER, itemsPath, lastRoutePath, STATIC_FILE } from "../lib/generate.js";
import { listening } from "./listening.js";
import { oursServers } from "./ours.js";
import type { ServerFactory } from "./types.js";

export const pipelineServers: Record<string, ServerFactory> = {
  ...oursServers,

  /**
   * Scenario 11's plain side: Fastify with the hooks that do what the module's do, an
   * `onRequest` that looks at a header and lets the request through, an `onSend` that adds
   * one; and `@fastify/etag`, as every plain Fastify side here (ours tags every body).
   */
  async "fastify-hooks"({ shape }) {
    const app = fastify();
    await app.register(fastifyEtag, { weak: true });
    app.addHook("onRequest", async (request, reply) => {
      if (request.headers["x-blocked"]) return reply.code(403).send("blocked");
    });
    app.addHook("onSend", async (_request, reply) => {
      reply.header(HOOK_HEADER[0], HOOK_HEADER[1]);
    });
    const path = lastRoutePath(shape).replace(/\/42\/$/, "/:id/");
    app.get<{ Params: { id: string } }>(path, async (request) => ({
      id: Number(request.params.id),
    }));
    await app.listen({ port: 0, host: "127.0.0.1" });
    return app.server;
  },

  /**
   * Scenario 12's plain side: Fastify's own validation, a JSON schema on the route's body
   * (Ajv, compiled at start), the same checks as the module's Zod schema; and `@fastify/etag`.
   */
  async "fastify-json"() {
    const app = fastify();
    await app.register(fastifyEtag, { weak: true });
    const body = {
      type: "object",
      required: ["title", "count"],
      properties: {
        title: { type: "string", minLength: 1 },
        count: { type: "integer", minimum: 0 },
      },
    } as const;
    app.post<{ Body: { title: string; count: number } }>(
      itemsPath(0),
      { schema: { body } },
      async (request) => ({ title: request.body.title, count: request.body.count }),
    );
    await app.listen({ port: 0, host: "127.0.0.1" });
    return app.server;
  },

  /** Scenario 13's ceiling: bare node:http answering the static file's bytes, read once. */
  async "node-memory"({ root }) {
    const bytes = readFileSync(join(root, "static", STATIC_FILE));
    const headers = { "content-type": "text/css; charset=utf-8", "content-length": bytes.length };
    const server = createServer((_request, response) => {
      response.writeHead(200, headers);
      response.end(bytes);
    });
    return listening(server.listen(0, "127.0.0.1"));
  },
};
