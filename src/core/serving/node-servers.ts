import { createServer, type RequestListener, type Server } from "node:http";
import { handleClientError, refuseConnect } from "./client-error.js";
import { type InjectOptions, type InjectResponse, injectListener } from "./inject.js";
import { closeGracefully } from "./server-close.js";
import type { HostServer } from "./serving.js";

/**
 * The servers of a host that serves a plain Node request listener (Express): each `listen`
 * starts one `http.Server`, with the same answers to refused requests and `CONNECT` as every
 * host; `closeServers` closes them all gracefully.
 * @example const servers = new NodeServers(app.handler); await servers.listenOnce(5000, "127.0.0.1");
 */
export class NodeServers implements HostServer {
  readonly #servers = new Set<Server>();
  readonly #handler: RequestListener;

  constructor(handler: RequestListener) {
    this.#handler = handler;
  }

  listenOnce(port: number, host: string | undefined): Promise<Server> {
    const server = createServer(this.#handler);
    server.on("clientError", handleClientError);
    server.on("connect", refuseConnect);
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        this.#servers.add(server);
        server.once("close", () => this.#servers.delete(server));
        resolve(server);
      });
    });
  }

  inject(options: InjectOptions): Promise<InjectResponse> {
    return injectListener(this.#handler, options);
  }

  async closeServers(timeout: number): Promise<void> {
    await Promise.all(
      [...this.#servers].map((server) =>
        closeGracefully(
          server,
          timeout,
          () => new Promise<void>((resolve) => server.close(() => resolve())),
        ),
      ),
    );
  }
}
