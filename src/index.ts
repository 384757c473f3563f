// The public API: the host-free core, and the Express 5 host (the default host).

export * from "./core/index.js";
export { MicroServicesApp } from "./express/app.js";
export type { Request, Response, View } from "./express/types.js";
export { url } from "./express/url.js";
