import { csrfToken } from "./csrf.js";
import { getFlashedMessages } from "./flash.js";
import { REQUEST_DATA } from "./state.js";

/** Nunjucks passes keyword arguments as a last object marked `__keywords`. */
function keywords(args: readonly unknown[]): {
  positional: unknown[];
  named: Record<string, unknown>;
} {
  const last = args[args.length - 1];
  if (typeof last === "object" && last !== null && "__keywords" in last) {
    return { positional: args.slice(0, -1), named: last as Record<string, unknown> };
  }
  return { positional: [...args], named: {} };
}

/** For a request whose data was not read (a 404, a refused body): no messages, no token. */
const UNREAD: Record<string, unknown> = Object.freeze({
  csrf_token: () => {
    throw new TypeError(
      "csrf_token() was called in a page whose request has no session: set the app's secretKey option, and call it only in pages rendered by a view (an error page of a request that reached no view has no token).",
    );
  },
  get_flashed_messages: () => [],
});

/**
 * The template globals of a request's data: `csrf_token()` (Flask-WTF) and
 * `get_flashed_messages(with_categories=false, category_filter=[])` (Flask). For a request
 * that reached no view (an error page) there are no messages and no token.
 * @example templates.render(module, name, { ...requestDataGlobals(req), ...context });
 */
export function requestDataGlobals(request: object | undefined): Record<string, unknown> {
  if (request === undefined || !Object.hasOwn(request, REQUEST_DATA)) return UNREAD;
  return {
    csrf_token: () => csrfToken(request),
    get_flashed_messages: (...args: unknown[]) => {
      const { positional, named } = keywords(args);
      const withCategories = Boolean(named.with_categories ?? positional[0] ?? false);
      const filter = named.category_filter ?? positional[1] ?? [];
      return getFlashedMessages(
        request,
        withCategories,
        Array.isArray(filter) ? filter.map(String) : [String(filter)],
      );
    },
  };
}
