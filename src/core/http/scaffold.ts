import type { ResponseBody } from "./responses.js";
import type { ViewRequest } from "./view.js";

/**
 * The response an `afterRequest` hook receives, about to be sent: change its status, headers
 * or body in place, or return another response.
 */
export interface OutgoingResponse {
  status: number;
  readonly headers: Headers;
  body: ResponseBody;
}

/** `beforeRequest`: returns `undefined` to go on, or a response (anything a view may return). */
export type BeforeRequestHook = (req: ViewRequest) => unknown;
/** `afterRequest`: changes `response` in place (returns `undefined`), or returns another response. */
export type AfterRequestHook = (response: OutgoingResponse, req: ViewRequest) => unknown;
/** `teardownRequest`: the request is over; `error` is the failure no handler took, if any. */
export type TeardownRequestHook = (error: unknown, req: ViewRequest) => unknown;
/** `errorHandler`: returns a response (anything a view may return), or `undefined` to pass. */
export type ErrorHandler<E = unknown> = (error: E, req: ViewRequest) => unknown;
/** `contextProcessor`: values merged into the context of the templates a request renders. */
export type ContextProcessor = (req: ViewRequest) => Readonly<Record<string, unknown>>;
/** `urlDefaults`: fills `values` in place before `urlFor` builds a URL to `endpoint`. */
export type UrlDefaultsHook = (
  endpoint: string,
  values: Record<string, unknown>,
  req: ViewRequest | null,
) => void;
/** `urlValuePreprocessor`: reads (and may remove) matched values before the hooks and view. */
export type UrlValuePreprocessor = (
  endpoint: string,
  params: Record<string, unknown>,
  req: ViewRequest,
) => void;

/** An error class, as `errorHandler` takes it (abstract ones too). */
export type ErrorClass<E> = abstract new (...args: never[]) => E;

/** The hooks of one scaffold (the app, or one module), in registration order. */
export interface HookLists {
  readonly beforeRequest: readonly BeforeRequestHook[];
  readonly afterRequest: readonly AfterRequestHook[];
  readonly teardownRequest: readonly TeardownRequestHook[];
  readonly byStatus: ReadonlyMap<number, ErrorHandler>;
  readonly byClass: ReadonlyMap<ErrorClass<unknown>, ErrorHandler>;
  readonly contextProcessors: readonly ContextProcessor[];
  readonly urlDefaults: readonly UrlDefaultsHook[];
  readonly urlValuePreprocessors: readonly UrlValuePreprocessor[];
  /** Host-native middleware (`blueprint.use`), run by the host adapter. */
  readonly middleware: readonly ((...args: never[]) => unknown)[];
}

interface MutableHookLists {
  beforeRequest: BeforeRequestHook[];
  afterRequest: AfterRequestHook[];
  teardownRequest: TeardownRequestHook[];
  byStatus: Map<number, ErrorHandler>;
  byClass: Map<ErrorClass<unknown>, ErrorHandler>;
  contextProcessors: ContextProcessor[];
  urlDefaults: UrlDefaultsHook[];
  urlValuePreprocessors: UrlValuePreprocessor[];
  middleware: ((...args: never[]) => unknown)[];
}

/** The hooks a scaffold registered, for the request pipeline; kept off the public types. */
export let hooksOf: (scaffold: Scaffold) => HookLists;
/** Adds host-native middleware to a scaffold (what `blueprint.use` does). */
export let addMiddleware: (scaffold: Scaffold, handlers: readonly unknown[], owner: string) => void;

/** Whether any scaffold has a `urlDefaults` hook: until one does, `urlFor` skips looking. */
let urlDefaultsInUse = false;
export const anyUrlDefaults = (): boolean => urlDefaultsInUse;

function checkFunction(method: string, value: unknown): void {
  if (typeof value !== "function") {
    throw new TypeError(
      `${method}() takes a function, got ${value === null ? "null" : typeof value}: ${method}((req) => ...).`,
    );
  }
}

/**
 * What the app and each module's blueprint share (Flask's `Scaffold`): request hooks, error
 * handlers, template context processors and URL value hooks. A module's apply to the requests
 * routed to its rules; the app's to every request.
 * @example blueprint.beforeRequest((req) => (isSignedIn(req) ? undefined : redirect("/login/")));
 */
export class Scaffold {
  readonly #hooks: MutableHookLists = {
    beforeRequest: [],
    afterRequest: [],
    teardownRequest: [],
    byStatus: new Map(),
    byClass: new Map(),
    contextProcessors: [],
    urlDefaults: [],
    urlValuePreprocessors: [],
    middleware: [],
  };

  static {
    hooksOf = (scaffold) => scaffold.#hooks;
    addMiddleware = (scaffold, handlers, owner) => {
      if (handlers.length === 0 || handlers.some((handler) => typeof handler !== "function")) {
        throw new TypeError(
          `use() on ${owner} takes one or more middleware functions of the host (Express: (req, res, next) => ...; Fastify: (request, reply, done) => ... or async (request, reply) => ...).`,
        );
      }
      scaffold.#hooks.middleware.push(...(handlers as ((...args: never[]) => unknown)[]));
    };
  }

  /**
   * Runs `fn(req)` after matching, before the view (Flask's `before_request`); a value other
   * than `undefined` is the response, and the view does not run. The app's run first.
   * @example blueprint.beforeRequest((req) => (req.headers.cookie?.includes("user=") ? undefined : redirect("/login/")));
   */
  beforeRequest(fn: BeforeRequestHook): this {
    checkFunction("beforeRequest", fn);
    this.#hooks.beforeRequest.push(fn);
    return this;
  }

  /**
   * Runs `fn(response, req)` on the response about to be sent (Flask's `after_request`): the
   * module's first, each in reverse registration order, then the app's.
   * @example app.afterRequest((response) => { response.headers.set("x-frame-options", "DENY"); });
   */
  afterRequest(fn: AfterRequestHook): this {
    checkFunction("afterRequest", fn);
    this.#hooks.afterRequest.push(fn);
    return this;
  }

  /**
   * Runs `fn(error, req)` once the response is finished (Flask's `teardown_request`), with the
   * failure no error handler took, if any; what it throws is logged.
   * @example app.teardownRequest(() => db.release());
   */
  teardownRequest(fn: TeardownRequestHook): this {
    checkFunction("teardownRequest", fn);
    this.#hooks.teardownRequest.push(fn);
    return this;
  }

  /**
   * Handles errors by status (`404`) or by class (the most specific wins), Flask's
   * `errorhandler`: `fn(error, req)` returns a response, or `undefined` to leave it to the next.
   * @example api.errorHandler(404, () => [{ error: "not found" }, 404]);
   */
  errorHandler(status: number, fn: ErrorHandler): this;
  errorHandler<E>(errorClass: ErrorClass<E>, fn: ErrorHandler<E>): this;
  errorHandler(key: number | ErrorClass<unknown>, fn: ErrorHandler<never>): this {
    checkFunction("errorHandler", fn);
    if (typeof key === "number") {
      if (!Number.isInteger(key) || key < 400 || key > 599) {
        throw new RangeError(
          `errorHandler() takes an error status (400-599) or an error class, got ${key}.`,
        );
      }
      this.#hooks.byStatus.set(key, fn as ErrorHandler);
    } else if (typeof key === "function") {
      this.#hooks.byClass.set(key, fn as ErrorHandler);
    } else {
      throw new TypeError(
        `errorHandler() takes an error status (404) or an error class (TypeError), got ${typeof key}.`,
      );
    }
    return this;
  }

  /**
   * Adds `fn(req)`'s values to the context of every template rendered in a request (Flask's
   * `context_processor`); a view's own context wins over them.
   * @example app.contextProcessor((req) => ({ user: currentUser(req) }));
   */
  contextProcessor(fn: ContextProcessor): this {
    checkFunction("contextProcessor", fn);
    this.#hooks.contextProcessors.push(fn);
    return this;
  }

  /**
   * Fills in values for `urlFor` before it builds a URL to this scaffold's endpoints (Flask's
   * `url_defaults`); `req` is the current request, `null` outside one.
   * @example blueprint.urlDefaults((endpoint, values, req) => { values.lang ??= req?.params.lang; });
   */
  urlDefaults(fn: UrlDefaultsHook): this {
    checkFunction("urlDefaults", fn);
    this.#hooks.urlDefaults.push(fn);
    urlDefaultsInUse = true;
    return this;
  }

  /**
   * Reads the matched values before the `beforeRequest` hooks and the view (Flask's
   * `url_value_preprocessor`); it may remove some from `params`.
   * @example blueprint.urlValuePreprocessor((endpoint, params) => { delete params.lang; });
   */
  urlValuePreprocessor(fn: UrlValuePreprocessor): this {
    checkFunction("urlValuePreprocessor", fn);
    this.#hooks.urlValuePreprocessors.push(fn);
    return this;
  }
}
