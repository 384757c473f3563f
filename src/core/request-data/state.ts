import type { SessionCookie, SessionState } from "./session.js";

/** Where a request's data state hides on the host's request object. */
export const REQUEST_DATA = Symbol.for("microservices-app.requestData");

/** What the subsystem keeps about one request between reading it and writing its response. */
export interface RequestDataState {
  readonly session: SessionState;
  readonly sessions: SessionCookie;
  /** `Set-Cookie` values a view asked for with `setCookie` / `deleteCookie`, in order. */
  readonly setCookies: string[];
  /** The flashed messages this request took out of the session (read once, then kept). */
  flashes: readonly FlashMessage[] | undefined;
}

/** A flashed message and its category ("message" unless given). */
export interface FlashMessage {
  readonly category: string;
  readonly message: string;
}

/**
 * The data state of a request, from the host's request object.
 * @example const state = stateOf(req, "flash()");
 */
export function stateOf(request: object, use: string): RequestDataState {
  const state = (request as { [REQUEST_DATA]?: RequestDataState })[REQUEST_DATA];
  if (state === undefined) {
    throw new TypeError(
      `${use} was given an object that is not a request served by a MicroServicesApp view; pass the view's req.`,
    );
  }
  return state;
}
