import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import express, { type Express, type Request, type Response } from "express";
import { attachHostServer, MicroServicesCore } from "../core/app.js";
import { RequestPipeline, withProxyTrust } from "../core/http/index.js";
import { internalsOf } from "../core/internals.js";
import type { RootLocation } from "../core/modules/index.js";
import type { MicroServicesOptions } from "../core/options.js";
import { NodeServers } from "../core/serving/index.js";
import { expressAdapter, handleDirectly, isNotFound } from "./adapter.js";

/** The paths `app.use(path, ...)` takes, as Express does. */
type MiddlewarePath = string | RegExp | readonly (string | RegExp)[];

/** Express's own layers in a new app's router (its query parser and `init`), none of ours. */
const EXPRESS_OWN_LAYERS = 2;

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

  constructor(importMetaUrlOrDir: RootLocation, options: MicroServicesOptions = {}) {
    super(importMetaUrlOrDir, options);
    const app = express();
    const trust = (address: string, hop: number) => app.get("trust proxy fn")(address, hop);
    const pipeline = new RequestPipeline(internalsOf(this), withProxyTrust(expressAdapter, trust));
    app.disable("x-powered-by");
    // The option is Express's own setting, which `res.send` (views may call it) reads too.
    if (options.etag === false) app.set("etag", false);
    const dispatch = (req: Request, res: Response, next: express.NextFunction) =>
      pipeline.dispatch(req, res, next);
    app.use(this.#middleware);
    app.use(dispatch);
    Object.defineProperties(app.request, pipeline.requestProperties());
    this.express = app;
    const middleware = this.#middleware;
    this.handler = (incoming: IncomingMessage, outgoing: ServerResponse) => {
      const req = incoming as Request;
      const res = outgoing as Response;
      // Matched first, as in Flask: Express middleware already sees req.module and req.urlRule.
      pipeline.match(req, res);
      const done = (error?: unknown) =>
        pipeline.finish(req, res, isNotFound(error) ? undefined : error);
      // With nothing routed but the modules (no middleware, no routes on app.express), the
      // dispatcher runs straight after Express's own setup: walking Express's router to
      // reach it was a tenth of a request's time, profiled under load.
      if (middleware.stack.length === 0 && app.router.stack.length === EXPRESS_OWN_LAYERS) {
        handleDirectly(app, dispatch, req, res, done);
      } else {
        app(req, res, done);
      }
    };
    attachHostServer(this, new NodeServers(this.handler));
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
}
