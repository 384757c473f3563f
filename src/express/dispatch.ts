import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { MicroServicesCore, RequestScope } from "../core/app-core.js";
import { HTTPException, redirect } from "../core/responses.js";
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

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as { then?: unknown }).then === "function";

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
    const spec = app.responseFor(value, route.endpoint, requestScope(req));
    if (!spec) return;
    if (res.headersSent) {
      app.logger.warn(
        `The view of '${route.endpoint}' sent a response and also returned one; the returned one was dropped.`,
      );
      return;
    }
    writeResponse(res, spec);
  } catch (error) {
    next(error);
  }
}

/** Runs a view, sync or async; what it returns (if anything) becomes the response. */
function runView(
  app: MicroServicesCore,
  route: ViewRoute,
  req: Request,
  res: Response,
  next: NextFunction,
): void {
  let result: unknown;
  try {
    result = (route.view as unknown as RequestHandler)(req, res, next);
  } catch (error) {
    next(error);
    return;
  }
  if (isPromiseLike(result)) {
    result.then((value) => respond(app, route, req, res, next, value), next);
  } else {
    respond(app, route, req, res, next, result);
  }
}

/**
 * The one Express middleware that routes every module: the core matcher resolves the request,
 * then the view or the static sender answers. A 404 goes on (`next()`), so routes added to
 * `app.express` still run; the app's final handler answers what nothing did.
 */
export function createDispatcher(app: MicroServicesCore): RequestHandler {
  return function dispatch(req, res, next) {
    const resolution = app.resolve(req.method, req.url);
    switch (resolution.kind) {
      case "route": {
        const { route, params } = resolution;
        req.params = params as Request["params"];
        (req as ScopedRequest).module = route.module;
        if (route.kind === "static") serveStatic(route, req, res, next);
        else runView(app, route, req, res, next);
        return;
      }
      case "redirect": {
        const spec = app.responseFor(redirect(resolution.location, 308), "", requestScope(req));
        if (spec) writeResponse(res, spec);
        return;
      }
      case "options":
        res.status(204).setHeader("Allow", resolution.allow);
        res.end();
        return;
      case "error":
        if (resolution.status === 404) {
          next();
          return;
        }
        if (resolution.allow) res.setHeader("Allow", resolution.allow);
        writeResponse(res, app.errorResponse(resolution.status, requestScope(req)));
        return;
    }
  };
}

/** The status a client error carries (`HTTPException`, or an Express error such as a body parser's 400). */
function clientStatus(error: unknown): number | undefined {
  if (error instanceof HTTPException) return error.status;
  const status =
    (error as { status?: unknown; statusCode?: unknown } | null)?.status ??
    (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" && status >= 400 && status < 500 ? status : undefined;
}

/**
 * The app's final handler: a 404 for what nothing answered, the status page of an
 * `HTTPException` or a client error, and a 500 for anything else, logged, that shows no stack
 * or path unless `debug` is on.
 */
export function finish(app: MicroServicesCore, req: Request, res: Response, error: unknown): void {
  const notFound = error === undefined || error === null || error === "route" || error === "router";
  const status = notFound ? 404 : (clientStatus(error) ?? 500);
  if (status >= 500) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    app.logger.error(
      `${req.method} ${req.originalUrl ?? req.url} failed with a 500: ${message}`,
      error,
    );
  }
  if (res.headersSent) {
    // Half a response went out; the client must not take it for a whole one.
    req.socket.destroy();
    return;
  }
  const description = error instanceof HTTPException ? error.description : undefined;
  const headers = (error as { headers?: unknown } | null)?.headers;
  if (status < 500 && typeof headers === "object" && headers !== null) {
    for (const [name, value] of Object.entries(headers))
      if (typeof value === "string") res.setHeader(name, value);
  }
  writeResponse(res, app.errorResponse(status, requestScope(req), { error, description }));
}
