import type { Logger } from "../logger.js";
import type { RequestSite, Resolution } from "../routing/resolve.js";
import { urlRuleOf } from "../routing/url-rule.js";
import { describeError, errorHeaders, errorStatus } from "./failures.js";
import type { HostAdapter } from "./host-adapter.js";
import { runModuleMiddleware } from "./module-middleware.js";
import type { RequestHooks } from "./request-hooks.js";
import { HTTPException, type ResponseSpec } from "./responses.js";

const STATE = Symbol("microservices-app.request");

/** What the pipeline keeps of a request between matching it and finishing it. */
export interface RequestState {
  readonly resolution: Resolution;
  /** The hooks of the request; `undefined` when none applies (the fast path). */
  readonly hooks: RequestHooks | undefined;
  /** The failure no error handler took, for the teardown hooks. */
  failure: unknown;
}

/** The state `match` put on a request, if it was matched. */
export const stateOf = (request: object): RequestState | undefined =>
  (request as { [STATE]?: RequestState })[STATE];

/** What matching a request needs of an app. */
export interface MatchingApp {
  readonly logger: Logger;
  resolve<Request>(
    method: string,
    target: string,
    rawHeaders?: readonly string[],
    site?: RequestSite<Request>,
    request?: Request,
  ): Resolution;
  hooks(module: string | null): RequestHooks;
}

/** A request as log lines name it: "GET /admin/". */
export function requestLine<HostRequest>(
  host: HostAdapter<HostRequest, unknown>,
  request: HostRequest,
): string {
  const incoming = host.incoming(request);
  return `${incoming.method} ${incoming.url}`;
}

/**
 * Resolves a request against the URL map, binds the match on it (`params`, `module`,
 * `urlRule`) and keeps its state: its resolution, and its hooks if any apply, whose teardown
 * hooks run once its response is finished (or cut).
 */
export function matchRequest<HostRequest extends object, HostResponse>(
  app: MatchingApp,
  host: HostAdapter<HostRequest, HostResponse>,
  request: HostRequest,
  response: HostResponse,
): void {
  const incoming = host.incoming(request);
  const resolution = app.resolve(
    incoming.method ?? "GET",
    incoming.url ?? "/",
    incoming.rawHeaders,
    host,
    request,
  );
  let module: string | null = null;
  if (resolution.kind === "route") {
    host.bind(request, resolution.route, resolution.params, urlRuleOf(resolution.route));
    module = resolution.route.module;
  }
  const hooks = app.hooks(module);
  const state: RequestState = {
    resolution,
    hooks: hooks.isEmpty ? undefined : hooks,
    failure: undefined,
  };
  (request as { [STATE]?: RequestState })[STATE] = state;
  if (!hooks.hasTeardown) return;
  const logFailure = (error: unknown) =>
    app.logger.error(
      `A teardownRequest hook of ${requestLine(host, request)} failed: ${describeError(error)}`,
      error,
    );
  host.outgoing(response).once("close", () => {
    void hooks.teardownRequest(request, state.failure, logFailure);
  });
}

/** The error of a request the URL map refused: a 400, or a 405 with its `Allow`. */
export function routingError(resolution: Extract<Resolution, { kind: "error" }>): HTTPException {
  const headers: Record<string, string> = resolution.allow ? { allow: resolution.allow } : {};
  return new HTTPException(resolution.status, undefined, headers);
}

/** `beforeView`'s answer when the module's middleware answered the request itself. */
export const ANSWERED = Symbol("answered");

/**
 * Flask's `preprocess_request`, with the module's host middleware first, then
 * `readRequestData` (the session, CSRF, the body): gives what a `beforeRequest` hook
 * returned (the response), `undefined` for the view to run, or `ANSWERED` when a middleware
 * sent the response. With no middleware and nothing to read, the hooks run at once and what
 * they give is returned as is (a promise only if one of them returned one); else a promise.
 * Throws or rejects with what any of them failed with.
 */
export function beforeView<HostRequest, HostResponse>(
  host: HostAdapter<HostRequest, HostResponse>,
  hooks: RequestHooks,
  resolution: Resolution,
  request: HostRequest & object,
  response: HostResponse,
  readRequestData: (() => Promise<void>) | null = null,
): unknown {
  const route = resolution.kind === "route" ? resolution : undefined;
  if ((route && hooks.middleware.length > 0) || readRequestData) {
    return beforeViewAfterReading(host, hooks, resolution, request, response, readRequestData);
  }
  return hooks.beforeRequest(request, route?.route.endpoint, route?.params);
}

/** `beforeView` with a middleware to run or request data to read first. */
async function beforeViewAfterReading<HostRequest, HostResponse>(
  host: HostAdapter<HostRequest, HostResponse>,
  hooks: RequestHooks,
  resolution: Resolution,
  request: HostRequest & object,
  response: HostResponse,
  readRequestData: (() => Promise<void>) | null,
): Promise<unknown> {
  const route = resolution.kind === "route" ? resolution : undefined;
  const { middleware } = hooks;
  if (route && middleware.length > 0) {
    if (!(await runModuleMiddleware(host, middleware, request, response))) return ANSWERED;
  }
  // After the module's host middleware (a body it reads stays its own), before the hooks.
  if (readRequestData) await readRequestData();
  return hooks.beforeRequest(request, route?.route.endpoint, route?.params);
}

/** What `errorResponse` needs of the pipeline. */
export interface ErrorResponseContext {
  readonly logger: Logger;
  readonly requestLine: string;
  /** What a handler or a hook returned, as a response (`source` names it in an error). */
  toSpec(value: unknown, source: string): ResponseSpec | undefined;
  /** The error page, for an error no handler took. */
  defaultPage(): ResponseSpec;
}

/**
 * The response to an error, with hooks (Flask's `handle_user_exception` then
 * `finalize_request`): the first error handler that returns one, else the error page; then
 * the `afterRequest` hooks. A handler that fails leaves the error page, a hook that fails
 * leaves the response as it was; both are logged.
 */
export async function errorResponse(
  state: RequestState & { hooks: RequestHooks },
  request: object,
  error: unknown,
  context: ErrorResponseContext,
): Promise<ResponseSpec> {
  const { hooks } = state;
  const { logger, requestLine } = context;
  let spec: ResponseSpec | undefined;
  for (const handler of hooks.errorHandlers(error)) {
    try {
      const value = await handler(error, request as never);
      if (value === undefined) continue;
      spec = context.toSpec(value, `The error handler of ${requestLine}`);
      if (spec) withErrorHeaders(spec, error);
    } catch (failure) {
      logger.error(
        `The error handler of ${requestLine} failed (${describeError(failure)}), so the default error page was sent for: ${describeError(error)}`,
        failure,
      );
    }
    break;
  }
  if (spec === undefined && errorStatus(error) >= 500) state.failure = error;
  spec ??= context.defaultPage();
  if (!hooks.hasAfter) return spec;
  try {
    return await hooks.afterRequest(spec, request, (value) =>
      context.toSpec(value, `An afterRequest hook of ${requestLine}`),
    );
  } catch (failure) {
    logger.error(
      `An afterRequest hook of ${requestLine} failed on its error response (${describeError(failure)}); the response was sent as it was.`,
      failure,
    );
    return spec;
  }
}

/**
 * Adds to a handler's response the headers its error asks for (a 405's `Allow`, a 416's
 * `Content-Range`), unless the handler set them itself: a 405 without `Allow` breaks HTTP.
 */
function withErrorHeaders(spec: ResponseSpec, error: unknown): void {
  const own = new Set(spec.headers.map(([name]) => name.toLowerCase()));
  for (const [name, value] of errorHeaders(error, errorStatus(error))) {
    if (!own.has(name.toLowerCase())) spec.headers.push([name, value]);
  }
}
