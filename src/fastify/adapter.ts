import type { FastifyReply, FastifyRequest } from "fastify";
import type { HostAdapter, RequestAdditions } from "../core/http/index.js";
import { writeReply } from "./respond.js";
import { sendFile, staticContentType } from "./static.js";

/** The request as `bind` writes it (views read these fields, they do not write them). */
type ModuleRequest = FastifyRequest & {
  -readonly [Field in keyof RequestAdditions]: RequestAdditions[Field];
};

/**
 * Fastify as the request pipeline's host: the Node request and response are `request.raw` and
 * `reply.raw`; nothing is routed after the modules, so a 404 is the pipeline's own page. An
 * `Error` goes through `reply.send`, so that Fastify's `onError` hooks run before the route's
 * error handler (the pipeline's `finish`); a thrown non-`Error` (which `reply.send` would send
 * as the body) and an error once the response has started (which it would drop, unlogged)
 * go to the pipeline directly. `etag` is the app's option: whether whole bodies get a weak ETag.
 * @example new RequestPipeline(internalsOf(app), withProxyTrust(fastifyAdapter(true), trust));
 */
export const fastifyAdapter = (
  etag: boolean,
): Omit<HostAdapter<FastifyRequest, FastifyReply>, "trustsProxy"> => ({
  incoming: (request) => request.raw,
  outgoing: (reply) => reply.raw,
  origin: (request) => ({ scheme: request.protocol, host: request.host || "localhost" }),
  bind(request, route, params, urlRule) {
    request.params = params;
    (request as ModuleRequest).module = route.module;
    (request as ModuleRequest).urlRule = urlRule;
  },
  hasResponded: (reply) => reply.sent || reply.raw.headersSent,
  write: (reply, spec, fail) => writeReply(reply, spec, etag, fail),
  sendFile,
  staticContentType,
  passOn: () => false,
  fail(_request, reply, _next, error) {
    if (!(error instanceof Error) || reply.raw.headersSent) return false;
    reply.send(error);
    return true;
  },
  callMiddleware(hook, request, reply, next) {
    // Fastify's two hook shapes: a callback `(request, reply, done)`, or async `(request, reply)`.
    const run = hook as (...args: unknown[]) => unknown;
    if (hook.length >= 3) run(request, reply, next);
    else Promise.resolve(run(request, reply)).then(() => next(), next);
  },
});
