import type { Logger } from "../logger.js";
import { isByteRanges } from "../lookup/range-header.js";
import {
  addResponseCookies,
  applyRequestValues,
  mustRead,
  type RequestDataPolicy,
  readRequestData,
  requestDataGlobals,
  requestDefaults,
} from "../request-data/index.js";
import { isTrustedHost } from "../routing/host-check.js";
import type { Resolution } from "../routing/resolve.js";
import type { UrlContext } from "../routing/reverse.js";
import type { StaticRoute, ViewRoute } from "../routing/route.js";
import { keywordArguments, type TemplateEngine } from "../templates/template-engine.js";
import { callView } from "./call-view.js";
import { ErrorResponder, type RequestScope } from "./error-response.js";
import type { HostAdapter, Origin } from "./host-adapter.js";
import { rejectionResponse } from "./rejection-response.js";
import { type RenderResult, type ResponseSpec, toResponseSpec } from "./responses.js";
import type { UrlForParams } from "./view.js";

/** What the pipeline needs of an app: its current URL map, templates and settings. */
export interface PipelineApp {
  readonly debug: boolean;
  readonly logger: Logger;
  /** Milliseconds an async view may stay pending; 0: no limit. */
  readonly viewTimeout: number;
  /** The `trustedHosts` option: external URLs are built only from a host it accepts. */
  readonly trustedHosts: readonly string[] | undefined;
  readonly templates: TemplateEngine;
  /** How requests are read: body limits, the session cookie, CSRF. */
  readonly requestData: RequestDataPolicy;
  resolve(method: string, target: string, rawHeaders?: readonly string[]): Resolution;
  buildUrl(endpoint: string, params: UrlForParams | undefined, context: UrlContext): string;
}

/** A host request after `bind`: the module serving it. */
type BoundRequest = { module?: string | null };

/**
 * The life of a request, written once for every host: resolve it against the URL map, answer
 * the strict-slash 308, 405 and OPTIONS, call the view (with its timeout), turn what it
 * returned into a response, render templates and error pages, and deal with failures, before
 * or after the response started. The host only adapts its objects (`HostAdapter`).
 * @example const pipeline = new RequestPipeline(internalsOf(app), adapter); server.on("request", (req, res) => pipeline.dispatch(req, res, undefined));
 */
export class RequestPipeline<HostRequest extends object, HostResponse extends object> {
  readonly #app: PipelineApp;
  readonly #host: HostAdapter<HostRequest, HostResponse>;
  readonly #errors: ErrorResponder;

  constructor(app: PipelineApp, host: HostAdapter<HostRequest, HostResponse>) {
    this.#app = app;
    this.#host = host;
    this.#errors = new ErrorResponder(app, (scope, result) => this.render(scope, result));
  }

  /**
   * Serves one request: `next` is the host's continuation (Express's `next`), handed back to
   * the adapter untouched.
   */
  dispatch(request: HostRequest, response: HostResponse, next: unknown): void {
    const incoming = this.#host.incoming(request);
    const resolution = this.#app.resolve(
      incoming.method ?? "GET",
      incoming.url ?? "/",
      incoming.rawHeaders,
    );
    if (resolution.kind !== "route") {
      if (resolution.kind === "error" && resolution.status === 404) {
        this.#passOn(request, response, next);
      } else {
        this.#host.write(response, this.#errors.unrouted(resolution, this.scope(request)));
      }
      return;
    }
    const { route, params } = resolution;
    this.#host.bind(request, route, params);
    if (route.kind === "static") this.#sendStatic(route, params, request, response, next);
    else this.#callView(route, request, response, next);
  }

  /**
   * Ends a request that failed, or that nothing answered (`error` undefined): its error page,
   * or a logged 500. Once the response has started no page can replace it: the error is
   * logged, and a response half sent is cut, so that the client cannot take it for a whole one.
   */
  finish(request: HostRequest, response: HostResponse, error?: unknown): void {
    const requestLine = this.#requestLine(request);
    const outgoing = this.#host.outgoing(response);
    if (outgoing.headersSent) {
      if (error !== undefined) {
        this.#errors.logFailureAfterStart(error, requestLine, outgoing.writableEnded);
      }
      // A whole response stays: cutting its keep-alive connection could lose the next one.
      if (!outgoing.writableEnded) outgoing.destroy();
      return;
    }
    const scope = this.scope(request);
    this.#host.write(
      response,
      error === undefined
        ? this.#errors.page(404, scope)
        : this.#errors.failure(error, scope, requestLine),
    );
  }

  /** Where `urlFor` builds from inside this request: its module, and its origin for `_external`. */
  urlContext(request: HostRequest): UrlContext {
    return {
      module: (request as BoundRequest).module ?? null,
      origin: () => this.#checkedOrigin(request),
    };
  }

  /** The request as templates and error pages see it. */
  scope(request: HostRequest): RequestScope {
    return {
      request,
      module: (request as BoundRequest).module ?? null,
      url: this.urlContext(request),
    };
  }

  /**
   * `req.urlFor`, for the hosts to put on their request prototype: `this` is the request.
   * @example Object.defineProperty(app.request, "urlFor", { value: pipeline.requestUrlFor() });
   */
  requestUrlFor(): (this: HostRequest, endpoint: string, params?: UrlForParams) => string {
    const pipeline = this;
    return function urlFor(this: HostRequest, endpoint: string, params?: UrlForParams) {
      return pipeline.#app.buildUrl(endpoint, params, pipeline.urlContext(this));
    };
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

  /** Renders `render(...)` in a request: globals `request`, `module` and `url_for` added. */
  render(scope: RequestScope, result: RenderResult): string {
    return this.#app.templates.render(scope.module, result.template, {
      request: scope.request,
      module: scope.module,
      ...requestDataGlobals(scope.request),
      url_for: (endpoint: string, params?: unknown) =>
        this.#app.buildUrl(endpoint, keywordArguments(params), scope.url),
      ...result.context,
    });
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
    const incoming = this.#host.incoming(request);
    return `${incoming.method} ${incoming.url}`;
  }

  #passOn(request: HostRequest, response: HostResponse, next: unknown): void {
    if (!this.#host.passOn(request, response, next)) {
      this.#host.write(response, this.#errors.page(404, this.scope(request)));
    }
  }

  #fail(request: HostRequest, response: HostResponse, next: unknown, error: unknown): void {
    if (!this.#host.fail(request, response, next, error)) this.finish(request, response, error);
  }

  /**
   * Reads what the request sends (query, cookies, session, body) by the one policy of every
   * host, then calls the view; a body or token it refuses is answered with its 4xx instead.
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
        const page = (status: number, description: string) =>
          this.#errors.page(status, this.scope(request), { description });
        this.#host.write(response, rejectionResponse(outcome.rejection, incoming.headers, page));
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
      (value) => this.#respond(route, request, response, value, fail),
      fail,
    );
  }

  /** Writes what a view returned, unless it answered natively (returning `res` or `reply`). */
  #respond(
    route: ViewRoute,
    request: HostRequest,
    response: HostResponse,
    value: unknown,
    fail: (error: unknown) => void,
  ): void {
    if (value === response) return;
    try {
      const spec = this.#responseFor(value, route.endpoint, request, response);
      if (!spec) return;
      // The cookies the view set, and its session: saved to a store first when it has one.
      const saving = addResponseCookies(request, spec.headers);
      if (saving) saving.then(() => this.#host.write(response, spec, fail), fail);
      else this.#host.write(response, spec, fail);
    } catch (error) {
      fail(error);
    }
  }

  /**
   * The response for what a view returned; `undefined` when the view sent it itself, or when
   * it did and also returned one, which is dropped with a warning.
   */
  #responseFor(
    value: unknown,
    endpoint: string,
    request: HostRequest,
    response: HostResponse,
  ): ResponseSpec | undefined {
    if (this.#host.hasResponded(response)) {
      // Checked before building: a dropped response is not worth rendering.
      if (value !== undefined) {
        this.#app.logger.warn(
          `The view of '${endpoint}' sent a response and also returned one; the returned one was dropped.`,
        );
      }
      return undefined;
    }
    // The scope is built only to render a template: most responses need none.
    return toResponseSpec(value, endpoint, (result) => this.render(this.scope(request), result));
  }

  /** `/static/<path:filename>`: the index names the file; anything it does not know is a 404. */
  #sendStatic(
    route: StaticRoute,
    params: Record<string, unknown>,
    request: HostRequest,
    response: HostResponse,
    next: unknown,
  ): void {
    const notFound = () => this.#passOn(request, response, next);
    const file = route.files.find(String(params.filename));
    if (!file) {
      notFound();
      return;
    }
    // A malformed Range is ignored on both hosts: either sender would answer it with a 416.
    const { headers } = this.#host.incoming(request);
    if (headers.range !== undefined && !isByteRanges(headers.range)) delete headers.range;
    this.#host.sendFile(request, response, file, notFound, (error) =>
      this.#fail(request, response, next, error),
    );
  }
}
