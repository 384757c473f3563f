import type { FastifyReply, FastifyRequest } from "fastify";
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
import { writeReply } from "./respond.js";
import { serveStatic } from "./static.js";

type ScopedRequest = FastifyRequest & { module?: string | null };

/** Where `urlFor` builds from inside this request: its module, and its origin for `_external`. */
export function urlContext(request: FastifyRequest): UrlContext {
  return {
    module: (request as ScopedRequest).module ?? null,
    origin: () => ({ scheme: request.protocol, host: request.host || "localhost" }),
  };
}

export function requestScope(request: FastifyRequest): RequestScope {
  return {
    request,
    module: (request as ScopedRequest).module ?? null,
    url: urlContext(request),
  };
}

export type ErrorHandler = (error: unknown, request: FastifyRequest, reply: FastifyReply) => void;

/**
 * An error goes to the route's error handler through Fastify's `onError` hooks. A thrown value
 * that is not an `Error` goes to it directly (`reply.send` would send it as the body), and so
 * does an error once the response has started (`reply.send` would drop it, unlogged, when the
 * view had sent the whole response natively).
 */
const failWith =
  (handleError: ErrorHandler, request: FastifyRequest, reply: FastifyReply) =>
  (error: unknown): void => {
    if (error instanceof Error && !reply.raw.headersSent) reply.send(error);
    else handleError(error, request, reply);
  };

function respond(
  app: MicroServicesCore,
  route: ViewRoute,
  request: FastifyRequest,
  reply: FastifyReply,
  value: unknown,
  fail: (error: unknown) => void,
): void {
  // `return reply.send(...)` is how Fastify handlers say they answered natively.
  if (value === reply) return;
  try {
    const sent = reply.sent || reply.raw.headersSent;
    const spec = app.responseFor(value, route.endpoint, () => requestScope(request), sent);
    if (!spec) return;
    const saving = addResponseCookies(request, spec.headers);
    if (saving) saving.then(() => writeReply(reply, spec, fail), fail);
    else writeReply(reply, spec, fail);
  } catch (error) {
    fail(error);
  }
}

const notFound = (app: MicroServicesCore, request: FastifyRequest, reply: FastifyReply) => () =>
  writeReply(reply, app.errorResponse(404, requestScope(request)));

/**
 * The handler of the one Fastify route (`/*`, every method) that serves every module: the core
 * matcher resolves the request, then the view or the static sender answers.
 */
export function createHandler(app: MicroServicesCore, handleError: ErrorHandler) {
  return function dispatch(request: FastifyRequest, reply: FastifyReply): void {
    const resolution = app.resolve(request.method, request.url, request.raw.rawHeaders);
    switch (resolution.kind) {
      case "route": {
        const { route, params } = resolution;
        request.params = params;
        (request as ScopedRequest).module = route.module;
        const fail = failWith(handleError, request, reply);
        if (route.kind === "static") {
          serveStatic(route, request, reply, notFound(app, request, reply)).catch(fail);
        } else {
          readRequestData(request.raw, app.requestData, route.requestData).then((outcome) => {
            if (outcome.kind === "reject") {
              const page = (status: number, description: string) =>
                app.errorResponse(status, requestScope(request), { description });
              return writeReply(reply, rejectionResponse(outcome.rejection, request.headers, page));
            }
            applyRequestValues(request, outcome.values);
            callView(
              app,
              route,
              request,
              reply,
              undefined,
              (value) => respond(app, route, request, reply, value, fail),
              fail,
            );
          }, fail);
        }
        return;
      }
      default:
        writeReply(reply, app.unroutedResponse(resolution, requestScope(request)));
    }
  };
}

/**
 * The modules' error handler: the page for an `HTTPException` or a client error (Fastify's own
 * 400, 413 or 415 among them), a logged 500 for anything else. Once the response has started
 * no page can replace it: the error is logged, and a response half sent is cut, so that the
 * client cannot take it for a whole one.
 */
export function createErrorHandler(app: MicroServicesCore): ErrorHandler {
  return function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
    const requestLine = `${request.method} ${request.url}`;
    const raw = reply.raw;
    if (raw.headersSent) {
      app.logFailureAfterStart(error, requestLine, raw.writableEnded);
      // A whole response stays: cutting its keep-alive connection could lose the next one.
      if (!raw.writableEnded) raw.destroy();
      return;
    }
    writeReply(reply, app.failureResponse(error, requestScope(request), requestLine));
  };
}
