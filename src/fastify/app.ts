import { METHODS } from "node:http";
import { parse as parseQuery } from "node:querystring";
import Fastify, {
  type FastifyInstance,
  type FastifyRegister,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from "fastify";
import { attachHostServer, MicroServicesCore } from "../core/app.js";
import { compileProxyTrust, RequestPipeline, withProxyTrust } from "../core/http/index.js";
import { internalsOf } from "../core/internals.js";
import type { RootLocation } from "../core/modules/index.js";
import type { MicroServicesOptions } from "../core/options.js";
import {
  closeGracefully,
  handleClientError,
  injectRequestOptions,
  listenOnEveryInterface,
  refuseConnect,
  toInjectResponse,
} from "../core/serving/index.js";
import { fastifyAdapter } from "./adapter.js";

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

  constructor(importMetaUrlOrDir: RootLocation, options: FastifyAppOptions = {}) {
    super(importMetaUrlOrDir, options);
    const trust = compileProxyTrust(options.fastifyOptions?.trustProxy);
    const pipeline = new RequestPipeline(
      internalsOf(this),
      withProxyTrust(fastifyAdapter(options.etag !== false), trust),
    );
    const finish = (error: unknown, request: FastifyRequest, reply: FastifyReply) =>
      pipeline.finish(request, reply, error);
    // A user's querystringParser (top-level, deprecated, or in routerOptions) replaces ours.
    const { routerOptions, querystringParser, ...fastifyOptions } = options.fastifyOptions ?? {};
    const fastify = Fastify({
      // A request Node's parser refused gets the same page as on Express.
      clientErrorHandler: handleClientError,
      // A path Fastify cannot decode (a malformed escape) gets the app's 400 page.
      frameworkErrors: finish,
      ...fastifyOptions,
      routerOptions: {
        // Express 5's parser ("simple"), so that views see the same req.query on both hosts.
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
    const properties = pipeline.requestProperties();
    for (const key of Reflect.ownKeys(properties)) {
      const { value, get, set } = properties[key as keyof typeof properties] as PropertyDescriptor;
      fastify.decorateRequest(key as string, get ? { getter: get, setter: set } : value);
    }
    // The library reads bodies itself (request.raw), the same way as on Express: Fastify's
    // parsers go, and a catch-all one leaves every body unread. Parsers added later win.
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser("*", (_request, _payload, done) => done(null));
    // Matched first, as in Flask: the user's hooks already see request.module and urlRule.
    fastify.addHook("onRequest", (request, reply, done) => {
      pipeline.match(request, reply);
      done();
    });
    // One catch-all route: the core matcher routes the modules (the same precedence, strict
    // slashes and 405s as on Express; modules may be registered after the server started).
    fastify.route({
      method: fastify.supportedMethods,
      url: "/*",
      handler: (request, reply) => pipeline.dispatch(request, reply, undefined),
      errorHandler: finish,
    });
    this.fastify = fastify;
    this.register = ((...args: Parameters<FastifyInstance["register"]>) => {
      fastify.register(...args);
      return this;
    }) as FastifyRegister<this>;
    attachHostServer(this, {
      listenOnce: async (port, host) => {
        await listenOnEveryInterface(host, (at) => fastify.listen({ port, host: at }));
        return fastify.server;
      },
      closeServers: (timeout) => closeGracefully(fastify.server, timeout, () => fastify.close()),
      inject: async (options) =>
        toInjectResponse(await fastify.inject(injectRequestOptions(options))),
    });
  }
}
