import type { Server } from "node:http";
import {
  type CloseOptions,
  type ClusteredApp,
  type ClusterPrimary,
  DEFAULT_CLOSE_TIMEOUT_MS,
  type ListenOptions,
  listenClustered,
  PrimaryProcess,
} from "./cluster.js";
import type { InjectOptions, InjectResponse } from "./inject.js";

/**
 * What a host does for `Serving`: start its one server, close its servers gracefully, and
 * answer a request in the process (`app.inject`).
 */
export interface HostServer {
  listenOnce(port: number, host: string | undefined): Promise<Server>;
  closeServers(timeout: number): Promise<void>;
  inject(options: InjectOptions): Promise<InjectResponse>;
}

/**
 * `listen` and `close` for either host: one server, or with `workers` a cluster whose primary
 * `close` closes every worker. A second `close` while one runs (a signal arriving twice) waits
 * for the first.
 * @example readonly #serving = new Serving(this, { listenOnce, closeServers });
 */
export class Serving {
  readonly #app: ClusteredApp;
  readonly #host: HostServer;
  #primary: PrimaryProcess | undefined;
  #closing: Promise<void> | undefined;

  constructor(app: ClusteredApp, host: HostServer) {
    this.#app = app;
    this.#host = host;
  }

  async listen(
    port: number,
    hostOrOptions?: string | ListenOptions,
  ): Promise<Server | ClusterPrimary> {
    const listening = await listenClustered(this.#app, port, hostOrOptions, (at, host) =>
      this.#host.listenOnce(at, host),
    );
    if (listening instanceof PrimaryProcess) this.#primary = listening;
    return listening;
  }

  inject(options: InjectOptions): Promise<InjectResponse> {
    return this.#host.inject(options);
  }

  close(options: CloseOptions = {}): Promise<void> {
    if (this.#primary) return this.#primary.close(options);
    this.#closing ??= this.#host
      .closeServers(options.timeout ?? DEFAULT_CLOSE_TIMEOUT_MS)
      .finally(() => {
        this.#closing = undefined;
      });
    return this.#closing;
  }
}
