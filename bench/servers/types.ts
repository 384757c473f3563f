import type { Server } from "node:http";
import type { Logger } from "microservices-app";
import type { AppShape } from "../lib/generate.js";

/** What a benchmark server is started with: the generated app's folder and its shape. */
export interface ServerOptions {
  readonly root: string;
  readonly shape: AppShape;
}

/** Starts one side of a pair on an ephemeral port of 127.0.0.1. */
export type ServerFactory = (options: ServerOptions) => Promise<Server>;

/** Both sides log nothing per request; ours only warns and errors, which a clean run has none of. */
export const quietLogger: Logger = {
  info: () => undefined,
  warn: (message) => console.warn(message),
  error: (message, error) => console.error(message, error),
};
