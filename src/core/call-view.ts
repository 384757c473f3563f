import type { AnyView } from "./view.js";

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as { then?: unknown }).then === "function";

/**
 * Calls a view with its host's arguments, sync or async: what it returns (or resolves to) goes
 * to `done`, what it throws (or rejects with) to `fail`. Each host decides what a value means.
 * @example callView(route.view, req, res, next, (value) => respond(value), next);
 */
export function callView(
  view: AnyView,
  request: unknown,
  response: unknown,
  next: unknown,
  done: (value: unknown) => void,
  fail: (error: unknown) => void,
): void {
  let result: unknown;
  try {
    result = (view as (request: unknown, response: unknown, next: unknown) => unknown)(
      request,
      response,
      next,
    );
  } catch (error) {
    fail(error);
    return;
  }
  if (isPromiseLike(result)) result.then(done, fail);
  else done(result);
}
