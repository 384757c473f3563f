// microservices-app/fastify: the host-free core, and the Fastify 5 host.

export * from "../core/index.js";
export { type FastifyAppOptions, MicroServicesApp } from "./app.js";
export type { Reply, Request, View } from "./types.js";
export { url } from "./url.js";
