import { addResponseCookies } from "../request-data/index.js";
import { requestLine, stateOf } from "./hooked-request.js";
import type { HostAdapter } from "./host-adapter.js";
import type { RequestContext } from "./request-context.js";
import { type ResponseSpec, toResponseSpec } from "./responses.js";

/** What writing a response needs of an app: a logger for a response dropped. */
interface WriterApp {
  readonly logger: { warn(message: string): void };
}

/**
 * The pipeline's last step: what a view, a hook or a handler returned becomes a response
 * (rendered in the request's context), goes through the `afterRequest` hooks, gets the
 * view's cookies and session, and is written by the host. One per pipeline.
 * @example writer.respond("shop.index", req, res, { id: 42 }, fail);
 */
export class ResponseWriter<HostRequest extends object, HostResponse extends object> {
  readonly #app: WriterApp;
  readonly #host: HostAdapter<HostRequest, HostResponse>;
  readonly #context: RequestContext<HostRequest>;

  constructor(
    app: WriterApp,
    host: HostAdapter<HostRequest, HostResponse>,
    context: RequestContext<HostRequest>,
  ) {
    this.#app = app;
    this.#host = host;
    this.#context = context;
  }

  /** Writes what a view (or a hook) returned, unless it answered natively (returning `res` or `reply`). */
  respond(
    endpoint: string,
    request: HostRequest,
    response: HostResponse,
    value: unknown,
    fail: (error: unknown) => void,
    source?: string,
  ): void {
    if (value === response) return;
    try {
      const spec = this.responseFor(value, endpoint, request, response, source);
      if (spec) this.send(request, response, spec, fail);
    } catch (error) {
      fail(error);
    }
  }

  /**
   * The response for what a view returned; `undefined` when the view sent it itself, or when
   * it did and also returned one, which is dropped with a warning.
   */
  responseFor(
    value: unknown,
    endpoint: string,
    request: HostRequest,
    response: HostResponse,
    source?: string,
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
    return toResponseSpec(
      value,
      endpoint,
      (result) => this.#context.render(this.#context.scope(request), result),
      source,
    );
  }

  /**
   * Writes a response through the `afterRequest` hooks, if any; what they throw goes to
   * `fail`, like a view's failure.
   */
  send(
    request: HostRequest,
    response: HostResponse,
    spec: ResponseSpec,
    fail: (error: unknown) => void,
  ): void {
    const hooks = stateOf(request)?.hooks;
    if (!hooks?.hasAfter) {
      this.#write(request, response, spec, fail);
      return;
    }
    const toSpec = (value: unknown) => {
      const source = `An afterRequest hook of ${requestLine(this.#host, request)}`;
      return this.responseFor(value, "", request, response, source);
    };
    let processed: ResponseSpec | Promise<ResponseSpec>;
    try {
      processed = hooks.afterRequest(spec, request, toSpec);
    } catch (error) {
      fail(error);
      return;
    }
    // Hooks that all returned at once: the response is written in this tick.
    if (processed instanceof Promise) {
      processed.then((settled) => this.#write(request, response, settled, fail), fail);
    } else this.#write(request, response, processed, fail);
  }

  /**
   * Writes a response with the cookies the view set and its session (saved to a store first
   * when it has one), after the `afterRequest` hooks, as Flask saves the session.
   */
  #write(
    request: HostRequest,
    response: HostResponse,
    spec: ResponseSpec,
    fail: (error: unknown) => void,
  ): void {
    const saving = addResponseCookies(request, spec.headers);
    if (saving) saving.then(() => this.#host.write(response, spec, fail), fail);
    else this.#host.write(response, spec, fail);
  }
}
