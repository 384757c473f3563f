import type { Server } from "node:http";

/** The server, once it listens. */
export const listening = (server: Server): Promise<Server> =>
  new Promise((resolve) => server.once("listening", () => resolve(server)));
