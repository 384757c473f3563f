import { type Cookies, parseCookies } from "./cookies.js";
import type { RequestDataPolicy } from "./read.js";
import { emptyRecord } from "./records.js";
import { emptyState, sessionProxy } from "./session.js";
import { REQUEST_DATA, type RequestDataState } from "./state.js";
import type { RouteRequestData } from "./validation.js";

/** Methods whose body is not read: a request of one of them may need nothing read at all. */
const SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);

/**
 * Whether a request must be read before its view runs (a promise, a body, a session): yes
 * for a body a method may carry, a session to load or a query schema to check. The rest —
 * most page views — run at once, their request data made on first use by `requestDefaults`.
 * @example if (mustRead(req.method, policy, route.requestData)) await readRequestData(...);
 */
export function mustRead(
  method: string | undefined,
  policy: RequestDataPolicy,
  route: RouteRequestData,
): boolean {
  return (
    !SAFE_METHODS.has(method ?? "GET") ||
    policy.sessions.enabled ||
    route.schemas.query !== undefined
  );
}

type HeadersCarrier = { readonly headers: { readonly cookie?: string | undefined } };

/**
 * A request property made on first use, then kept as the request's own (assigning it, as a
 * cookie-parser middleware does, replaces it as well).
 */
function onFirstUse<Value>(key: PropertyKey, make: (request: HeadersCarrier) => Value) {
  const own = (request: object, value: unknown) =>
    Object.defineProperty(request, key, {
      value,
      writable: true,
      configurable: true,
      enumerable: typeof key === "string",
    });
  return {
    configurable: true,
    get(this: HeadersCarrier): Value {
      const value = make(this);
      own(this, value);
      return value;
    },
    set(this: object, value: unknown) {
      own(this, value);
    },
  };
}

const NO_FILES = Object.freeze(emptyRecord<never>());

/**
 * The request data a view sees when its request was not read (`mustRead` false), for the
 * hosts to put on their request prototype: an empty `form` and `files`, no `json`, the
 * `cookies` parsed and the (disabled) `session` made when first used; `readRequestData`'s
 * values, set on the request itself, take their place when it was read.
 * @example Object.defineProperties(app.request, requestDefaults(policy));
 */
export function requestDefaults(policy: RequestDataPolicy): PropertyDescriptorMap {
  const stateOf = (request: object): RequestDataState =>
    (request as { [REQUEST_DATA]: RequestDataState })[REQUEST_DATA];
  return {
    form: onFirstUse("form", () => emptyRecord<string>()),
    json: onFirstUse("json", () => undefined),
    files: onFirstUse("files", () => NO_FILES),
    cookies: onFirstUse("cookies", (request): Cookies => parseCookies(request.headers.cookie)),
    session: onFirstUse("session", (request) =>
      sessionProxy(stateOf(request).session, policy.sessions.enabled),
    ),
    [REQUEST_DATA]: onFirstUse(
      REQUEST_DATA,
      (): RequestDataState => ({
        session: emptyState(false),
        sessions: policy.sessions,
        setCookies: [],
        flashes: undefined,
      }),
    ),
  };
}
