import { ViewTimeout } from "../errors.js";
import type { Logger } from "../logger.js";
import type { ViewRoute } from "../routing/route.js";
import { describeError } from "./failures.js";

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as { then?: unknown }).then === "function";

/** What calling a view needs of the app: how long a pending view may take, and a logger. */
export interface ViewLimits {
  /** Milliseconds a view's promise may stay pending; 0: no limit. */
  readonly viewTimeout: number;
  readonly logger: Logger;
}

/**
 * Calls a view with its host's arguments, sync or async: what it returns (or resolves to) goes
 * to `done`, what it throws (or rejects with) to `fail`. Each host decides what a value means.
 * A promise still pending after `app.viewTimeout` ms goes to `fail` as a `ViewTimeout`; a sync
 * view costs no timer.
 * @example callView(app, route, req, res, next, (value) => respond(value), next);
 */
export function callView(
  app: ViewLimits,
  route: ViewRoute,
  request: unknown,
  response: unknown,
  next: unknown,
  done: (value: unknown) => void,
  fail: (error: unknown) => void,
): void {
  let result: unknown;
  try {
    result = (route.view as (request: unknown, response: unknown, next: unknown) => unknown)(
      request,
      response,
      next,
    );
  } catch (error) {
    fail(error);
    return;
  }
  if (!isPromiseLike(result)) done(result);
  else if (app.viewTimeout > 0) settleWithin(app, route.endpoint, result, done, fail);
  else result.then(done, fail);
}

/** The start of a log line about a view that settled after its timeout answered the request. */
const late = (endpoint: string, timeout: number): string =>
  `The view of endpoint '${endpoint}' settled after its ${timeout} ms viewTimeout had answered the request`;

/**
 * Waits for a view's promise at most `app.viewTimeout` ms. Past that, the client gets the
 * `ViewTimeout` (a 503), and what the view settles with later is dropped (and logged): the
 * request was answered once, and must not be answered twice.
 */
function settleWithin(
  app: ViewLimits,
  endpoint: string,
  pending: PromiseLike<unknown>,
  done: (value: unknown) => void,
  fail: (error: unknown) => void,
): void {
  const timeout = app.viewTimeout;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    fail(new ViewTimeout(endpoint, timeout));
  }, timeout);
  // A hung view must not keep a closing process alive on its own.
  timer.unref();
  pending.then(
    (value) => {
      if (!timedOut) {
        clearTimeout(timer);
        done(value);
      } else app.logger.warn(`${late(endpoint, timeout)}; what it returned was dropped.`);
    },
    (error: unknown) => {
      if (!timedOut) {
        clearTimeout(timer);
        fail(error);
      } else
        app.logger.error(
          `${late(endpoint, timeout)}; it then failed: ${describeError(error)}`,
          error,
        );
    },
  );
}
