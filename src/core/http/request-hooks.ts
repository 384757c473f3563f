import { ViewTimeout } from "../errors.js";
import { isThenable, runAfterRequest } from "./after-request.js";
import { errorStatus } from "./failures.js";
import type { ResponseSpec } from "./responses.js";
import { HTTPException } from "./responses.js";
import type {
  AfterRequestHook,
  BeforeRequestHook,
  ErrorClass,
  ErrorHandler,
  HookLists,
} from "./scaffold.js";
import type { ViewRequest } from "./view.js";

/** A request as its hooks receive it: the host's request, which has the `ViewRequest` fields. */
const asView = (request: object): ViewRequest => request as ViewRequest;

/** Whether an error carries an HTTP status of its own (Flask's HTTPException "code"). */
function hasOwnStatus(error: unknown): boolean {
  if (error instanceof HTTPException || error instanceof ViewTimeout) return true;
  return errorStatus(error) < 500;
}

/** The handler the most specific class of `error` has in `byClass` (its prototype chain, nearest first). */
function byClass(
  handlers: ReadonlyMap<ErrorClass<unknown>, ErrorHandler>,
  error: unknown,
): ErrorHandler | undefined {
  if (handlers.size === 0 || typeof error !== "object" || error === null) return undefined;
  for (
    let proto = Object.getPrototypeOf(error);
    proto !== null;
    proto = Object.getPrototypeOf(proto)
  ) {
    const handler = handlers.get(proto.constructor as ErrorClass<unknown>);
    if (handler) return handler;
  }
  return undefined;
}

/** The rest of `beforeRequest`, once a hook returned `pending`: the hooks left, in order. */
async function beforeFrom(
  rest: readonly BeforeRequestHook[],
  pending: PromiseLike<unknown>,
  request: ViewRequest,
): Promise<unknown> {
  const value = await pending;
  if (value !== undefined) return value;
  for (const hook of rest) {
    let other = hook(request);
    if (isThenable(other)) other = await other;
    if (other !== undefined) return other;
  }
  return undefined;
}

/**
 * The hooks that apply to one request: the app's, and those of the module serving it (Flask's
 * `request.blueprints`), in the order Flask runs them.
 */
export class RequestHooks {
  readonly #app: HookLists;
  readonly #module: HookLists | undefined;

  constructor(app: HookLists, module: HookLists | undefined) {
    this.#app = app;
    this.#module = module;
  }

  /** The scaffolds, the module's first (Flask's order for after, teardown and error handlers). */
  #innerFirst(): HookLists[] {
    return this.#module ? [this.#module, this.#app] : [this.#app];
  }

  /** The scaffolds, the app's first (Flask's order for before hooks and context processors). */
  #outerFirst(): HookLists[] {
    return this.#module ? [this.#app, this.#module] : [this.#app];
  }

  /** Whether no hook of these scaffolds touches a request: the pipeline then takes its fast path. */
  get isEmpty(): boolean {
    return this.#innerFirst().every(
      (lists) =>
        lists.beforeRequest.length === 0 &&
        lists.afterRequest.length === 0 &&
        lists.teardownRequest.length === 0 &&
        lists.byStatus.size === 0 &&
        lists.byClass.size === 0 &&
        lists.contextProcessors.length === 0 &&
        lists.urlValuePreprocessors.length === 0 &&
        lists.middleware.length === 0,
    );
  }

  /** The module's host-native middleware (`blueprint.use`). */
  get middleware(): readonly ((...args: never[]) => unknown)[] {
    return this.#module?.middleware ?? [];
  }

  get hasTeardown(): boolean {
    return this.#innerFirst().some((lists) => lists.teardownRequest.length > 0);
  }

  /**
   * Flask's `preprocess_request`: the URL value preprocessors (the app's, then the module's),
   * then the `beforeRequest` hooks; the first value other than `undefined` is the response.
   * It is returned as is while every hook returns at once (no promise, no microtask per
   * request); from the first hook that returns a promise on, a promise of it.
   */
  beforeRequest(
    request: object,
    endpoint: string | undefined,
    params: Record<string, unknown> | undefined,
  ): unknown {
    const scaffolds = this.#outerFirst();
    if (endpoint !== undefined && params !== undefined) {
      for (const lists of scaffolds) {
        for (const preprocess of lists.urlValuePreprocessors)
          preprocess(endpoint, params, asView(request));
      }
    }
    for (let outer = 0; outer < scaffolds.length; outer += 1) {
      const hooks = (scaffolds[outer] as HookLists).beforeRequest;
      for (let index = 0; index < hooks.length; index += 1) {
        const value = (hooks[index] as BeforeRequestHook)(asView(request));
        if (isThenable(value)) {
          // Rare: the hooks left to run are listed only then (flatMap per request cost more).
          const rest = hooks.slice(index + 1);
          for (const lists of scaffolds.slice(outer + 1)) rest.push(...lists.beforeRequest);
          return beforeFrom(rest, value, asView(request));
        }
        if (value !== undefined) return value;
      }
    }
    return undefined;
  }

  /** Whether any `afterRequest` hook applies. */
  get hasAfter(): boolean {
    return this.#innerFirst().some((lists) => lists.afterRequest.length > 0);
  }

  /**
   * Flask's `process_response`: the module's hooks, then the app's, each in reverse
   * registration order. A hook changes the response in place or returns another, which
   * `toSpec` turns into a response. The response itself while every hook returns at once,
   * else a promise of it; a hook's failure is thrown, or rejected.
   */
  afterRequest(
    spec: ResponseSpec,
    request: object,
    toSpec: (value: unknown) => ResponseSpec | undefined,
  ): ResponseSpec | Promise<ResponseSpec> {
    const hooks: AfterRequestHook[] = [];
    for (const lists of this.#innerFirst()) {
      for (let index = lists.afterRequest.length - 1; index >= 0; index -= 1) {
        hooks.push(lists.afterRequest[index] as AfterRequestHook);
      }
    }
    return runAfterRequest(hooks, spec, asView(request), toSpec);
  }

  /**
   * The error handlers that may take `error`, in Flask's order (`_find_error_handler`): an
   * error with a status of its own is looked up by status (module, then app), then by class;
   * any other error by class, then as a 500.
   */
  errorHandlers(error: unknown): ErrorHandler[] {
    const scaffolds = this.#innerFirst();
    const status = errorStatus(error);
    const byStatus = scaffolds.map((lists) => lists.byStatus.get(status));
    const classes = scaffolds.map((lists) => byClass(lists.byClass, error));
    const ordered = hasOwnStatus(error) ? [...byStatus, ...classes] : [...classes, ...byStatus];
    return ordered.filter((handler): handler is ErrorHandler => handler !== undefined);
  }

  /**
   * Flask's `update_template_context`: the app's context processors, then the module's;
   * later values win.
   */
  templateContext(request: object): Record<string, unknown> {
    const context: Record<string, unknown> = {};
    for (const lists of this.#outerFirst()) {
      for (const processor of lists.contextProcessors)
        Object.assign(context, processor(asView(request)));
    }
    return context;
  }

  /** Flask's `do_teardown_request`: the module's, then the app's, each in reverse order. */
  async teardownRequest(
    request: object,
    error: unknown,
    logFailure: (error: unknown) => void,
  ): Promise<void> {
    for (const lists of this.#innerFirst()) {
      for (const hook of [...lists.teardownRequest].reverse()) {
        try {
          await hook(error, asView(request));
        } catch (failure) {
          logFailure(failure);
        }
      }
    }
  }
}
