import { type CookieOptions, deletionCookie, serializeCookie } from "./cookies.js";
import { REQUEST_DATA, type RequestDataState, stateOf } from "./state.js";

/**
 * Sets a cookie on the response to this request (Flask's `response.set_cookie`), whatever the
 * view returns: `HttpOnly`, `SameSite=Lax` and path "/" unless said otherwise.
 * @example setCookie(req, "theme", "dark", { maxAge: 30 * 24 * 3600 }); return redirect("/");
 */
export function setCookie(
  request: object,
  name: string,
  value: string,
  options?: CookieOptions,
): void {
  stateOf(request, "setCookie()").setCookies.push(serializeCookie(name, value, options));
}

/**
 * Deletes a cookie on the response to this request (Flask's `response.delete_cookie`); give
 * the path and domain it was set with.
 * @example deleteCookie(req, "theme");
 */
export function deleteCookie(
  request: object,
  name: string,
  options?: Pick<CookieOptions, "path" | "domain">,
): void {
  stateOf(request, "deleteCookie()").setCookies.push(deletionCookie(name, options));
}

/**
 * Adds to a response's headers what the request's data asks for, just before the response is
 * written (the second of the pipeline's two calls): the cookies the view set or deleted, the
 * session's cookie when the view changed it (saved to its store first: then a promise), and
 * `Vary: Cookie` when the view used the session. A request the subsystem did not read is left
 * alone. A session too large for its cookie throws a `SessionTooLarge`.
 * @example await addResponseCookies(req, spec.headers);
 */
export function addResponseCookies(
  request: object,
  headers: [string, string][],
): void | Promise<void> {
  // Own only once read or used: a request whose view touched none of it has nothing to add.
  if (!Object.hasOwn(request, REQUEST_DATA)) return;
  const state = (request as { [REQUEST_DATA]: RequestDataState })[REQUEST_DATA];
  if (state === undefined) return;
  for (const cookie of state.setCookies) headers.push(["set-cookie", cookie]);
  if (state.session.accessed) headers.push(["vary", "Cookie"]);
  const saved = state.sessions.save(state.session);
  if (saved === undefined) return;
  if (typeof saved === "string") {
    headers.push(["set-cookie", saved]);
    return;
  }
  return saved.then((cookie) => {
    if (cookie !== undefined) headers.push(["set-cookie", cookie]);
  });
}
