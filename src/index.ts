// The public API: the host-free core, and the Express 5 host (the default host).

export * from "./express/index.js";
