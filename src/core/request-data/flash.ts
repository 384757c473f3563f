import type { JsonValue } from "./parse-body.js";
import { MissingSecretKey } from "./session.js";
import { type FlashMessage, type RequestDataState, stateOf } from "./state.js";

/** The session key flashed messages wait under (Flask's `_flashes`). */
const FLASHES = "_flashes";

/**
 * Keeps a message for the next request that shows them (Flask's `flash`): typically set
 * before a redirect, shown by `get_flashed_messages()` on the page redirected to.
 * @example flash(req, "Your thread was posted.", "success"); return redirect(req.urlFor(".board"), 303);
 */
export function flash(request: object, message: string, category = "message"): void {
  const state = stateOf(request, "flash()");
  if (!state.sessions.enabled) throw new MissingSecretKey("flash()");
  const waiting = state.session.data[FLASHES];
  const list = Array.isArray(waiting) ? waiting : [];
  state.session.data[FLASHES] = [...list, [category, String(message)]];
  state.session.modified = true;
}

/** Takes the waiting messages out of the session, once per request. */
function takeFlashes(state: RequestDataState): readonly FlashMessage[] {
  if (state.flashes !== undefined) return state.flashes;
  const waiting: JsonValue | undefined = state.session.data[FLASHES];
  const taken: FlashMessage[] = [];
  if (Array.isArray(waiting)) {
    for (const entry of waiting) {
      if (Array.isArray(entry) && typeof entry[0] === "string" && typeof entry[1] === "string") {
        taken.push({ category: entry[0], message: entry[1] });
      }
    }
    delete state.session.data[FLASHES];
    state.session.modified = true;
  }
  state.flashes = taken;
  return taken;
}

/**
 * The messages flashed for this request (Flask's `get_flashed_messages`): taken out of the
 * session the first time, the same list after; `[category, message]` pairs with
 * `withCategories`, only the categories in `categoryFilter` when it is not empty. Without a
 * secret key there are none.
 * @example getFlashedMessages(req, true); // [["success", "Your thread was posted."]]
 */
export function getFlashedMessages(
  request: object,
  withCategories = false,
  categoryFilter: readonly string[] = [],
): (string | [string, string])[] {
  const state = stateOf(request, "get_flashed_messages()");
  if (!state.sessions.enabled) return [];
  const wanted = takeFlashes(state).filter(
    (flashed) => categoryFilter.length === 0 || categoryFilter.includes(flashed.category),
  );
  return wanted.map((flashed) =>
    withCategories ? [flashed.category, flashed.message] : flashed.message,
  );
}
