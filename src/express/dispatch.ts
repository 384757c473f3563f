import type { Express, NextFunction, Request, RequestHandler, Response } from "express";
import type { MicroServicesCore, RequestScope } from "../core/app-core.js";
import { callView } from "../core/call-view.js";
import {
  addResponseCookies,
  applyRequestValues,
  readRequestData,
  rejectionResponse,
} from "../core/request-data/index.js";
import type { UrlContext } from "../core/reverse.js";
import type { ViewRoute } from "../core/route.js";
import { writeResponse } from "./respond.js";
import { serveStatic } from "./static.js";

type ScopedRequest = Request & { module?: string | null };

/** Where `urlFor` builds from inside this request: its module, and its origin for `_external`. */
export function urlContext(req: Request): UrlContext {
  return {
    module: (req as ScopedRequest).module ?? null,
    origin: () => ({ scheme: req.protocol, host: req.get("host") ?? "localhost" }),
  };
}

export function requestScope(req: Request): RequestScope {
  return { request: req, module: (req as ScopedRequest).module ?? null, url: urlContext(req) };
}

function respond(
  app: MicroServicesCore,
  route: ViewRoute,
  req: Request,
  res: Response,
  next: NextFunction,
  value: unknown,
): void {
  // `(req, res) => res.send(...)` returns `res`: the view sent its response natively.
  if (value === res) return;
  try {
    const spec = app.responseFor(value, route.endpoint, () => requestScope(req), res.headersSent);
    if (!spec) return;
    const saving = addResponseCookies(req, spec.headers);
    if (saving) saving.then(() => writeResponse(res, spec, next), next);
    else writeResponse(res, spec, next);
  } catch (error) {
    next(error);
  }
}

/**
 * The one Express middleware that routes every module: the core matcher resolves the request,
 * then the view or the static sender answers. A 404 goes on (`next()`), so routes added to
 * `app.express` still run; the app's final handler answers what nothing did.
 */
export function createDispatcher(app: MicroServicesCore): RequestHandler {
  return function dispatch(req, res, next) {
    const resolution = app.resolve(req.method, req.url, req.rawHeaders);
    switch (resolution.kind) {
      case "route": {
        const { route, params } = resolution;
        req.params = params as Request["params"];
        (req as ScopedRequest).module = route.module;
        if (route.kind === "static") serveStatic(route, req, res, next);
        else
          readRequestData(req, app.requestData, route.requestData).then((outcome) => {
            if (outcome.kind === "reject") {
              const page = (status: number, description: string) =>
                app.errorResponse(status, requestScope(req), { description });
              return writeResponse(res, rejectionResponse(outcome.rejection, req.headers, page));
            }
            applyRequestValues(req, outcome.values);
            callView(
              app,
              route,
              req,
              res,
              next,
              (value) => respond(app, route, req, res, next, value),
              next,
            );
          }, next);
        return;
      }
      default:
        // A 404 goes on, to routes added to app.express, then to the app's 404 page.
        if (resolution.kind === "error" && resolution.status === 404) next();
        else writeResponse(res, app.unroutedResponse(resolution, requestScope(req)));
    }
  };
}

/**
 * The app's final handler: a 404 for what nothing answered, else the page for the error (its
 * status, or a logged 500). Once the response has started no page can replace it: the error is
 * logged, and a response half sent is cut, so that the client cannot take it for a whole one.
 */
export function finish(app: MicroServicesCore, req: Request, res: Response, error: unknown): void {
  const notFound = error === undefined || error === null || error === "route" || error === "router";
  const requestLine = `${req.method} ${req.originalUrl ?? req.url}`;
  if (res.headersSent) {
    if (!notFound) app.logFailureAfterStart(error, requestLine, res.writableEnded);
    // A whole response stays: cutting its keep-alive connection could lose the next one.
    if (!res.writableEnded) req.socket.destroy();
    return;
  }
  const scope = requestScope(req);
  writeResponse(
    res,
    notFound ? app.errorResponse(404, scope) : app.failureResponse(error, scope, requestLine),
  );
}

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
