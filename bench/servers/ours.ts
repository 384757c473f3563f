import { MicroServicesApp } from "microservices-app";
import { MicroServicesApp as FastifyMicroServicesApp } from "microservices-app/fastify";
import { moduleNames } from "../lib/generate.js";
import { quietLogger, type ServerFactory } from "./types.js";

/**
 * This library's side of every HTTP pair, on each host: the generated app's modules enabled by
 * name, nothing else; what a scenario serves is in the modules it generated.
 */
export const oursServers: Record<
  "ours-express" | "ours-fastify" | "ours-fastify-untagged",
  ServerFactory
> = {
  async "ours-express"({ root, shape }) {
    const app = new MicroServicesApp(root, { logger: quietLogger });
    await app.registerUrls(moduleNames(shape));
    return app.listen(0, "127.0.0.1");
  },

  async "ours-fastify"({ root, shape }) {
    const app = new FastifyMicroServicesApp(root, { logger: quietLogger });
    await app.registerUrls(moduleNames(shape));
    return app.listen(0, "127.0.0.1");
  },

  /** The Fastify host with `etag: false`: the same answer as the bare server, byte for byte. */
  async "ours-fastify-untagged"({ root, shape }) {
    const app = new FastifyMicroServicesApp(root, { logger: quietLogger, etag: false });
    await app.registerUrls(moduleNames(shape));
    return app.listen(0, "127.0.0.1");
  },
};
