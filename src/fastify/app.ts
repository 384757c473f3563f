import { METHODS, type Server } from "node:http";
import { parse as parseQuery } from "node:querystring";
import Fastify, {
  type FastifyInstance,
  type FastifyRegister,
  type FastifyRequest,
  type FastifyServerOptions,
} from "fastify";
import {
  type CloseOptions,
  MicroServicesCore,
  type MicroServicesOptions,
} from "../core/app-core.js";
import { handleClientError, refuseConnect } from "../core/client-error.js";
import type { ClusterPrimary, ListenOptions } from "../core/cluster.js";
import {
  type InjectOptions,
  type InjectResponse,
  injectRequestOptions,
  toInjectResponse,
} from "../core/http/inject.js";
import type { RootLocation } from "../core/root-path.js";
import { closeGracefully } from "../core/server-close.js";
import { Serving } from "../core/serving.js";
import type { UrlForParams } from "../core/view.js";
import { createErrorHandler, createHandler, urlContext } from "./dispatch.js";

/** The options of a Fastify app: the library's, and Fastify's own server options. */
export interface FastifyAppOptions extends MicroServicesOptions {
  /** Passed to `fastify()`: `logger`, `trustProxy`, `bodyLimit`, timeouts... */
  fastifyOptions?: FastifyServerOptions;
}

/**
 * A microservices app on Fastify 5: modules enabled by name, one matcher for all their
 * routes, module-first templates and static files.
 * @example const app = new MicroServicesApp(import.meta.url); await app.registerUrls(["home"]); await app.listen(5000);
 */
export class MicroServicesApp extends MicroServicesCore {
  /** The underlying Fastify instance: hooks, decorators, and routes of your own. */
  readonly fastify: FastifyInstance;
  /**
   * Registers a Fastify plugin (Fastify's `register`); it loads when the app starts. Plugins
   * made with `fastify-plugin` (as @fastify/cors, @fastify/formbody...) apply to module routes.
   * @example app.register(formbody).register(cors, { origin: true });
   */
  readonly register: FastifyRegister<this>;
  readonly #serving = new Serving(this, {
    listenOnce: (port, host) => this.#listenOnce(port, host),
    closeServers: (timeout) => this.#closeServer(timeout),
  });

  constructor(importMetaUrlOrDir: RootLocation, options: FastifyAppOptions = {}) {
    super(importMetaUrlOrDir, options);
    // A user's querystringParser (top-level, deprecated, or in routerOptions) replaces ours.
    const { routerOptions, querystringParser, ...fastifyOptions } = options.fastifyOptions ?? {};
    const handleError = createErrorHandler(this);
    const fastify = Fastify({
      // A request Node's parser refused gets the same page as on Express.
      clientErrorHandler: handleClientError,
      // A path Fastify cannot decode (a malformed escape) gets the app's 400 page.
      frameworkErrors: handleError,
      ...fastifyOptions,
      routerOptions: {
        // Express 5's parser ("simple"): malformed escapes become U+FFFD, as in
        // URLSearchParams, where Fastify's default leaves them encoded; views see the same
        // req.query on both hosts.
        querystringParser: querystringParser ?? ((text) => parseQuery(text)),
        ...routerOptions,
      },
    });
    // A CONNECT (for proxies) gets the same 400 page as on Express, not a dropped connection.
    fastify.server.on("connect", refuseConnect);
    // Every method Node parses reaches the modules, so that rules may name any and a method
    // no rule takes is a 405, as on Express.
    for (const method of METHODS) {
      if (method !== "CONNECT" && !fastify.supportedMethods.includes(method)) {
        fastify.addHttpMethod(method);
      }
    }
    const core = this;
    fastify.decorateRequest("module", null);
    fastify.decorateRequest(
      "urlFor",
      function urlFor(this: FastifyRequest, endpoint: string, params?: UrlForParams) {
        return core.buildUrl(endpoint, params, urlContext(this));
      },
    );
    // The core matcher routes the modules: Fastify's router sees one catch-all route, so that
    // precedence, converters, strict slashes and 405s are the same as on Express, and modules
    // may be registered after the server started.
    fastify.route({
      method: fastify.supportedMethods,
      url: "/*",
      handler: createHandler(this, handleError),
      errorHandler: handleError,
    });
    this.fastify = fastify;
    this.register = ((...args: Parameters<FastifyInstance["register"]>) => {
      fastify.register(...args);
      return this;
    }) as FastifyRegister<this>;
  }

  /**
   * Starts Fastify's HTTP server (once per app); resolves to it once it listens. Without a
   * host it listens on every interface, as Node and Express do. With `workers`, serves from
   * that many processes (`node:cluster`): in the primary it forks and supervises them and
   * resolves to a `ClusterPrimary` once all listen; in each worker it starts the server.
   * @example const server = await app.listen(5000, "127.0.0.1");
   */
  listen(port?: number, host?: string): Promise<Server>;
  listen(port: number, options: ListenOptions & { workers?: undefined }): Promise<Server>;
  listen(port: number, options: ListenOptions): Promise<Server | ClusterPrimary>;
  listen(port = 5000, hostOrOptions?: string | ListenOptions): Promise<Server | ClusterPrimary> {
    return this.#serving.listen(port, hostOrOptions);
  }

  async #listenOnce(port: number, host: string | undefined): Promise<Server> {
    const server = this.fastify.server;
    try {
      await this.fastify.listen({ port, host: host ?? "::" });
    } catch (error) {
      // A machine without IPv6 has no "::"; Node's own default falls back the same way.
      const code = (error as { code?: string }).code;
      if (host !== undefined || (code !== "EAFNOSUPPORT" && code !== "EADDRNOTAVAIL")) throw error;
      await this.fastify.listen({ port, host: "0.0.0.0" });
    }
    return server;
  }

  /**
   * Sends a request to the app in the process, without opening a port: a test client
   * (Fastify's own `inject`, answered as `app.inject` on Express answers).
   * @example const response = await app.inject({ url: "/" }); response.status; // 200
   */
  async inject(options: InjectOptions): Promise<InjectResponse> {
    return toInjectResponse(await this.fastify.inject(injectRequestOptions(options)));
  }

  /**
   * Stops the server: no new connections, in-flight requests finish (cut after `timeout`),
   * idle keep-alive connections close, Fastify's `onClose` hooks run.
   * @example process.on("SIGTERM", () => app.close());
   */
  close(options: CloseOptions = {}): Promise<void> {
    return this.#serving.close(options);
  }

  #closeServer(timeout: number): Promise<void> {
    return closeGracefully(this.fastify.server, timeout, () => this.fastify.close());
  }
}
