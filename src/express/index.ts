// microservices-app (the default host): the host-free core, and the Express 5 host.

export * from "../core/index.js";
export { MicroServicesApp } from "./app.js";
export type { Request, Response, View } from "./types.js";
export { url } from "./url.js";
