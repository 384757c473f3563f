import type { Express, NextFunction, Request, RequestHandler, Response } from "express";
import type { HostAdapter, RequestAdditions } from "../core/http/index.js";
import { writeResponse } from "./respond.js";
import { sendFile, staticContentType } from "./static.js";

/** The request as `bind` writes it (views read these fields, they do not write them). */
type ModuleRequest = Request & {
  -readonly [Field in keyof RequestAdditions]: RequestAdditions[Field];
};

/**
 * Express as the request pipeline's host: its request and response are Node's own; a 404 goes
 * on (`next()`) to routes added to `app.express`, an error down Express's error chain.
 */
export const expressAdapter: Omit<HostAdapter<Request, Response>, "trustsProxy"> = {
  incoming: (req) => req,
  outgoing: (res) => res,
  origin: (req) => ({ scheme: req.protocol, host: req.get("host") ?? "localhost" }),
  bind(req, route, params, urlRule) {
    req.params = params as Request["params"];
    (req as ModuleRequest).module = route.module;
    (req as ModuleRequest).urlRule = urlRule;
  },
  hasResponded: (res) => res.headersSent,
  write: writeResponse,
  sendFile,
  staticContentType,
  passOn(_req, _res, next) {
    (next as NextFunction)();
    return true;
  },
  fail(_req, _res, next, error) {
    (next as NextFunction)(error);
    return true;
  },
  callMiddleware(middleware, req, res, next) {
    const passOn = (error?: unknown) => next(isNotFound(error) ? undefined : error);
    const result: unknown = (middleware as RequestHandler)(req, res, passOn);
    // As Express 5 does: a middleware's rejected promise is its failure.
    if (result instanceof Promise) result.catch(next);
  },
};

/** What Express's `next` carries when nothing failed, only nothing answered. */
export const isNotFound = (error: unknown): boolean =>
  error === undefined || error === null || error === "route" || error === "router";

/**
 * Serves a request as `app(req, res, done)` does when the dispatcher is Express's only layer:
 * Express's own setup (the prototypes that give `res.send` and `req.query`, `res.locals`, the
 * fields its router sets), then the dispatcher, without the router's walk to reach it.
 */
export function handleDirectly(
  app: Express,
  dispatch: RequestHandler,
  req: Request,
  res: Response,
  done: NextFunction,
): void {
  if (app.enabled("x-powered-by")) res.setHeader("X-Powered-By", "Express");
  // Own fields first, prototypes last: each field added after the swap cost a map change.
  req.res = res;
  req.baseUrl = "";
  req.originalUrl ??= req.url;
  req.next = done;
  res.req = req;
  res.locals ??= Object.create(null);
  Object.setPrototypeOf(req, app.request);
  Object.setPrototypeOf(res, app.response);
  try {
    dispatch(req, res, done);
  } catch (error) {
    done(error);
  }
}
