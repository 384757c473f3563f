import {
  applyRequestValues,
  mustRead,
  type RequestDataPolicy,
  readRequestData,
  requestDefaults,
} from "../request-data/index.js";
import { isTrustedHost } from "../routing/host-check.js";
import type { Resolution } from "../routing/resolve.js";
import type { UrlContext } from "../routing/reverse.js";
import type { ViewRoute } from "../routing/route.js";
import { urlRuleOf } from "../routing/url-rule.js";
import type { TemplateEngine } from "../templates/template-engine.js";
import { callView } from "./call-view.js";
import { ErrorResponder } from "./error-response.js";
import {
  ANSWERED,
  beforeView,
  type ErrorResponseContext,
  errorResponse,
  type MatchingApp,
  matchRequest,
  type RequestState,
  requestLine,
  routingError,
  stateOf,
} from "./hooked-request.js";
import type { HostAdapter, Origin } from "./host-adapter.js";
import { RequestRejected } from "./rejection-response.js";
import { RequestContext } from "./request-context.js";
import type { RequestHooks } from "./request-hooks.js";
import { ResponseWriter } from "./response-writer.js";
import { HTTPException } from "./responses.js";
import { sendStaticFile } from "./static-route.js";
import type { UrlForParams } from "./view.js";

/** What the pipeline needs of an app: its current URL map, templates, hooks and settings. */
export interface PipelineApp extends MatchingApp {
  readonly debug: boolean;
  /** Milliseconds an async view may stay pending; 0: no limit. */
  readonly viewTimeout: number;
  /** The `trustedHosts` option: external URLs are built only from a host it accepts. */
  readonly trustedHosts: readonly string[] | undefined;
  readonly templates: TemplateEngine;
  /** How requests are read: body limits, the session cookie, CSRF. */
  readonly requestData: RequestDataPolicy;
  buildUrl(endpoint: string, params: UrlForParams | undefined, context: UrlContext): string;
}

/**
 * The life of a request, written once for every host: match it against the URL map (before
 * any host middleware, so that it knows `req.module`), run the module's middleware and the
 * hooks, answer the strict-slash 308, 405 and OPTIONS, call the view (with its timeout), turn
 * what it returned into a response, render templates and error pages, run error handlers, and
 * deal with failures, before or after the response started. The host only adapts its objects.
 * @example const pipeline = new RequestPipeline(internalsOf(app), adapter); server.on("request", (req, res) => pipeline.dispatch(req, res, undefined));
 */
export class RequestPipeline<HostRequest extends object, HostResponse extends object> {
  readonly #app: PipelineApp;
  readonly #host: HostAdapter<HostRequest, HostResponse>;
  readonly #errors: ErrorResponder;
  readonly #context: RequestContext<HostRequest>;
  readonly #writer: ResponseWriter<HostRequest, HostResponse>;

  constructor(app: PipelineApp, host: HostAdapter<HostRequest, HostResponse>) {
    this.#app = app;
    this.#host = host;
    this.#context = new RequestContext(app, (request) => this.#checkedOrigin(request));
    this.#writer = new ResponseWriter(app, host, this.#context);
    this.#errors = new ErrorResponder(app, (scope, result, folder) =>
      this.#context.render(scope, result, folder),
    );
  }

  /**
   * Matches a request and puts the match on it (`params`, `module`, `urlRule`): hosts call it
   * first, before their own middleware (Flask matches before `before_request` too).
   */
  match(request: HostRequest, response: HostResponse): void {
    if (!stateOf(request)) matchRequest(this.#app, this.#host, request, response);
  }

  /**
   * Serves one request: `next` is the host's continuation (Express's `next`), handed back to
   * the adapter untouched.
   */
  dispatch(request: HostRequest, response: HostResponse, next: unknown): void {
    this.match(request, response);
    const state = stateOf(request) as RequestState;
    const { resolution } = state;
    // Bound again: a host's router may have reset `params` on its way here (Express does).
    if (resolution.kind === "route") {
      this.#host.bind(request, resolution.route, resolution.params, urlRuleOf(resolution.route));
    }
    if (state.hooks) this.#dispatchWithHooks(state.hooks, resolution, request, response, next);
    else this.#serve(resolution, request, response, next);
  }

  /**
   * Ends a request that failed, or that nothing answered (`error` undefined): its error
   * handler or error page, or a logged 500. Once the response has started no page can
   * replace it: the error is logged, and a response half sent is cut, so that the client
   * cannot take it for a whole one.
   */
  finish(request: HostRequest, response: HostResponse, error?: unknown): void {
    // A request a host refused before matching (Fastify: a path it cannot decode) still gets
    // the app's error handlers and teardown.
    this.match(request, response);
    const outgoing = this.#host.outgoing(response);
    if (outgoing.headersSent) {
      if (error !== undefined) {
        (stateOf(request) as RequestState).failure = error;
        this.#errors.logFailureAfterStart(
          error,
          this.#requestLine(request),
          outgoing.writableEnded,
        );
      }
      // A whole response stays: cutting its keep-alive connection could lose the next one.
      if (!outgoing.writableEnded) outgoing.destroy();
      return;
    }
    this.#handleError(request, response, error === undefined ? new HTTPException(404) : error);
  }

  /**
   * `req.urlFor`, for the hosts to put on their request prototype: `this` is the request.
   * @example Object.defineProperty(app.request, "urlFor", { value: pipeline.requestUrlFor() });
   */
  requestUrlFor(): (this: HostRequest, endpoint: string, params?: UrlForParams) => string {
    return this.#context.requestUrlFor();
  }

  /**
   * What the pipeline adds to every request of a host, for its request prototype: `module`,
   * `urlRule`, `urlFor`, and the request data a view sees when nothing had to be read.
   * @example Object.defineProperties(app.request, pipeline.requestProperties());
   */
  requestProperties(): PropertyDescriptorMap {
    return {
      module: { value: null, writable: true, configurable: true },
      urlRule: { value: null, writable: true, configurable: true },
      urlFor: { value: this.requestUrlFor(), configurable: true },
      ...requestDefaults(this.#app.requestData),
    };
  }

  /**
   * The origin for external URLs: the host's own reading (Fastify's, under `trustProxy`, is
   * `X-Forwarded-Host`) when it passes the same check as the `Host` header, else the `Host`
   * header, which `resolve` already checked (a request with a bad one never gets here).
   */
  #checkedOrigin(request: HostRequest): Origin {
    const origin = this.#host.origin(request);
    const header = this.#host.incoming(request).headers.host || "localhost";
    if (origin.host === header || isTrustedHost(origin.host, this.#app.trustedHosts)) return origin;
    return { scheme: origin.scheme, host: header };
  }

  #requestLine(request: HostRequest): string {
    return requestLine(this.#host, request);
  }

  /**
   * Flask's `full_dispatch_request` with hooks: the module's host middleware, the URL value
   * preprocessors and `beforeRequest` hooks (a value they return is the response), then the
   * route as without hooks. What fails goes down the host's error chain to `finish`.
   */
  #dispatchWithHooks(
    hooks: RequestHooks,
    resolution: Resolution,
    request: HostRequest,
    response: HostResponse,
    next: unknown,
  ): void {
    const fail = (error: unknown) => this.#fail(request, response, next, error);
    // As Flask opens the session (and Flask-WTF checks CSRF) before the before_request hooks,
    // a view's request data is read before them: a guard reads the signed-in user from
    // req.session. A refused request is a RequestRejected, for the error handlers.
    const route = resolution.kind === "route" ? resolution.route : undefined;
    const view = route?.kind === "view";
    // Whether there is anything to read is known now, unless the module's middleware runs
    // first (it may change the method): then it is asked after them.
    const read =
      route?.kind === "view" && (hooks.middleware.length > 0 || this.#mustRead(route, request))
        ? () => this.#readBeforeHooks(route, request)
        : null;
    let value: unknown;
    try {
      value = beforeView(this.#host, hooks, resolution, request, response, read);
    } catch (error) {
      fail(error);
      return;
    }
    const proceed = (settled: unknown) => {
      if (settled === ANSWERED) return;
      if (settled === undefined) this.#serve(resolution, request, response, next, view);
      else {
        const source = `A beforeRequest hook of ${this.#requestLine(request)}`;
        this.#writer.respond(route?.endpoint ?? "(none)", request, response, settled, fail, source);
      }
    };
    // Hooks that all returned at once go on at once: no promise, no microtask per request.
    if (value instanceof Promise) value.then(proceed, fail);
    else proceed(value);
  }

  /**
   * Reads a view's request data before the `beforeRequest` hooks (see `#dispatchWithHooks`);
   * throws a `RequestRejected` for a request the policy refuses.
   */
  async #readBeforeHooks(route: ViewRoute, request: HostRequest): Promise<void> {
    if (!this.#mustRead(route, request)) return;
    const incoming = this.#host.incoming(request);
    const policy = this.#app.requestData;
    const outcome = await readRequestData(incoming, policy, route.requestData);
    if (outcome.kind === "reject") throw new RequestRejected(outcome.rejection);
    applyRequestValues(request, outcome.values);
  }

  /** Whether a view's request has anything to read: a body, a session, a query schema. */
  #mustRead(route: ViewRoute, request: HostRequest): boolean {
    return mustRead(this.#host.incoming(request).method, this.#app.requestData, route.requestData);
  }

  /** The route, once any hooks let the request through: a view, static files, or no route. */
  #serve(
    resolution: Resolution,
    request: HostRequest,
    response: HostResponse,
    next: unknown,
    alreadyRead = false,
  ) {
    switch (resolution.kind) {
      case "route": {
        const { route, params } = resolution;
        if (route.kind === "view" && alreadyRead) {
          const fail = (error: unknown) => this.#fail(request, response, next, error);
          this.#runView(route, request, response, next, fail);
        } else if (route.kind === "view") this.#callView(route, request, response, next);
        else {
          const notFound = () => this.#passOn(request, response, next);
          const fail = (error: unknown) => this.#fail(request, response, next, error);
          sendStaticFile(this.#host, route, params, request, response, notFound, fail);
        }
        return;
      }
      case "error": {
        if (resolution.status === 404) this.#passOn(request, response, next);
        else this.#handleError(request, response, routingError(resolution));
        return;
      }
      default: {
        const fail = (error: unknown) => this.#fail(request, response, next, error);
        this.#writer.send(request, response, this.#errors.unrouted(resolution), fail);
      }
    }
  }

  /**
   * The response to an error that no view answered: the first error handler that returns one
   * (Flask's `handle_user_exception`), else the error page; then the `afterRequest` hooks,
   * whose own failure is logged and leaves the response as it was.
   */
  #handleError(request: HostRequest, response: HostResponse, error: unknown): void {
    const state = stateOf(request);
    const requestLine = this.#requestLine(request);
    if (!state?.hooks) {
      this.#host.write(
        response,
        this.#errors.failure(error, this.#context.scope(request), requestLine),
      );
      return;
    }
    const context: ErrorResponseContext = {
      logger: this.#app.logger,
      requestLine,
      toSpec: (value, source) =>
        this.#writer.responseFor(value, "(error)", request, response, source),
      defaultPage: () => this.#errors.failure(error, this.#context.scope(request), requestLine),
    };
    errorResponse(state as RequestState & { hooks: RequestHooks }, request, error, context).then(
      (spec) => {
        if (!this.#host.hasResponded(response)) this.#host.write(response, spec);
      },
      (failure: unknown) => {
        this.#errors.logFailureAfterStart(failure, requestLine, false);
        this.#host.outgoing(response).destroy();
      },
    );
  }

  #passOn(request: HostRequest, response: HostResponse, next: unknown): void {
    if (!this.#host.passOn(request, response, next)) this.finish(request, response);
  }

  #fail(request: HostRequest, response: HostResponse, next: unknown, error: unknown): void {
    if (!this.#host.fail(request, response, next, error)) this.finish(request, response, error);
  }

  /**
   * Reads what the request sends (query, cookies, session, body) by the one policy of every
   * host, then calls the view; a body or token it refuses is answered with its 4xx instead. A
   * request with nothing to read (most page views) calls the view at once.
   */
  #callView(route: ViewRoute, request: HostRequest, response: HostResponse, next: unknown): void {
    const fail = (error: unknown) => this.#fail(request, response, next, error);
    const incoming = this.#host.incoming(request);
    const policy = this.#app.requestData;
    if (!mustRead(incoming.method, policy, route.requestData)) {
      this.#runView(route, request, response, next, fail);
      return;
    }
    readRequestData(incoming, policy, route.requestData).then((outcome) => {
      if (outcome.kind === "reject") {
        this.#handleError(request, response, new RequestRejected(outcome.rejection));
        return;
      }
      applyRequestValues(request, outcome.values);
      this.#runView(route, request, response, next, fail);
    }, fail);
  }

  #runView(
    route: ViewRoute,
    request: HostRequest,
    response: HostResponse,
    next: unknown,
    fail: (error: unknown) => void,
  ): void {
    callView(
      this.#app,
      route,
      request,
      response,
      next,
      (value) => this.#writer.respond(route.endpoint, request, response, value, fail),
      fail,
    );
  }
}
