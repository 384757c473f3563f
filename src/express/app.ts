import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from "node:http";
import express, { type Express, type Request, type Response } from "express";
import {
  type CloseOptions,
  MicroServicesCore,
  type MicroServicesOptions,
} from "../core/app-core.js";
import { handleClientError, refuseConnect } from "../core/client-error.js";
import type { ClusterPrimary, ListenOptions } from "../core/cluster.js";
import { type InjectOptions, type InjectResponse, injectListener } from "../core/http/inject.js";
import type { RootLocation } from "../core/root-path.js";
import { closeGracefully } from "../core/server-close.js";
import { Serving } from "../core/serving.js";
import type { UrlForParams } from "../core/view.js";
import { createDispatcher, finish, handleDirectly, urlContext } from "./dispatch.js";

/** The paths `app.use(path, ...)` takes, as Express does. */
type MiddlewarePath = string | RegExp | readonly (string | RegExp)[];

/**
 * A microservices app on Express 5: modules enabled by name, one matcher for all their
 * routes, module-first templates and static files.
 * @example const app = new MicroServicesApp(import.meta.url); await app.registerUrls(["home"]); await app.listen(5000);
 */
export class MicroServicesApp extends MicroServicesCore {
  /** The underlying Express app: settings, and routes of your own (they run after the modules'). */
  readonly express: Express;
  /** A plain Node request listener serving the app: `http.createServer(app.handler)`. */
  readonly handler: RequestListener;
  readonly #middleware = express.Router();
  readonly #servers = new Set<Server>();
  readonly #serving = new Serving(this, {
    listenOnce: (port, host) => this.#listenOnce(port, host),
    closeServers: (timeout) => this.#closeServers(timeout),
  });

  constructor(importMetaUrlOrDir: RootLocation, options: MicroServicesOptions = {}) {
    super(importMetaUrlOrDir, options);
    const app = express();
    app.disable("x-powered-by");
    const dispatch = createDispatcher(this);
    app.use(this.#middleware);
    app.use(dispatch);
    const core = this;
    Object.defineProperties(app.request, {
      module: { value: null, writable: true, configurable: true },
      urlFor: {
        value(this: Request, endpoint: string, params?: UrlForParams) {
          return core.buildUrl(endpoint, params, urlContext(this));
        },
        configurable: true,
      },
    });
    this.express = app;
    const middleware = this.#middleware;
    this.handler = (incoming: IncomingMessage, outgoing: ServerResponse) => {
      const req = incoming as Request;
      const res = outgoing as Response;
      const done = (error?: unknown) => finish(this, req, res, error);
      // With nothing routed but the modules (no middleware, no routes on app.express), the
      // dispatcher runs straight after Express's own setup: walking Express's router to
      // reach it was a tenth of a request's time, profiled under load.
      if (middleware.stack.length === 0 && app.router.stack.length === 2) {
        handleDirectly(app, dispatch, req, res, done);
      } else {
        app(req, res, done);
      }
    };
  }

  /**
   * Adds Express middleware in front of every module route (whenever it is added). Error
   * middleware (four arguments) goes after the routes, as in any Express app, before the
   * app's own error page.
   * @example app.use(express.json()); app.use("/admin", requireLogin);
   */
  use(...handlers: express.RequestHandler[]): this;
  use(path: MiddlewarePath, ...handlers: express.RequestHandler[]): this;
  use(...handlers: express.ErrorRequestHandler[]): this;
  use(path: MiddlewarePath, ...handlers: express.ErrorRequestHandler[]): this;
  use(...args: unknown[]): this {
    const handlers = args.filter((arg) => typeof arg === "function");
    const isErrorMiddleware =
      handlers.length > 0 && handlers.every((handler) => handler.length === 4);
    // Express skips a Router (three arguments) while an error is pending, so error
    // middleware goes on the app itself, after the dispatcher.
    const target = isErrorMiddleware ? this.express : this.#middleware;
    (target.use as (...items: unknown[]) => unknown)(...args);
    return this;
  }

  /**
   * Starts an HTTP server; resolves to it once it listens. With `workers`, serves from that
   * many processes (`node:cluster`): in the primary it forks and supervises them and resolves
   * to a `ClusterPrimary` once all listen; in each worker it starts the server as without.
   * @example const server = await app.listen(5000, "127.0.0.1");
   */
  listen(port?: number, host?: string): Promise<Server>;
  listen(port: number, options: ListenOptions & { workers?: undefined }): Promise<Server>;
  listen(port: number, options: ListenOptions): Promise<Server | ClusterPrimary>;
  listen(port = 5000, hostOrOptions?: string | ListenOptions): Promise<Server | ClusterPrimary> {
    return this.#serving.listen(port, hostOrOptions);
  }

  #listenOnce(port: number, host: string | undefined): Promise<Server> {
    const server = createServer(this.handler);
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

  /**
   * Sends a request to the app in the process, without opening a port: a test client.
   * @example const response = await app.inject({ url: "/" }); response.status; // 200
   */
  inject(options: InjectOptions): Promise<InjectResponse> {
    return injectListener(this.handler, options);
  }

  /**
   * Stops the servers started by `listen`: no new connections, in-flight requests finish
   * (cut after `timeout`), idle keep-alive connections close.
   * @example process.on("SIGTERM", () => app.close());
   */
  close(options: CloseOptions = {}): Promise<void> {
    return this.#serving.close(options);
  }

  async #closeServers(timeout: number): Promise<void> {
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
