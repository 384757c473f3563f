import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { FieldValues } from "./records.js";
import type { Rejection } from "./rejection.js";
import { MissingSecretKey } from "./session.js";
import { type RequestDataState, stateOf } from "./state.js";

/** The session key of the CSRF token (Flask-WTF's `csrf_token`). */
const TOKEN_KEY = "_csrf_token";

/** Methods that change nothing (RFC 9110, section 9.2.1): they need no token. */
const SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);

/** The form field and the headers a token may come in (Flask-WTF's names). */
export const CSRF_FIELD = "csrf_token";
const CSRF_HEADERS = ["x-csrftoken", "x-csrf-token"] as const;

/** The session's token, made on first use. */
function sessionToken(state: RequestDataState): string {
  const saved = state.session.data[TOKEN_KEY];
  if (typeof saved === "string") return saved;
  const token = randomBytes(32).toString("base64url");
  state.session.data[TOKEN_KEY] = token;
  state.session.modified = true;
  return token;
}

/**
 * The CSRF token of this request's session (Flask-WTF's `csrf_token()`), for a hidden
 * `csrf_token` field or an `X-CSRFToken` header; made and saved in the session on first use.
 * @example `<input type="hidden" name="csrf_token" value="${csrfToken(req)}">`
 */
export function csrfToken(request: object): string {
  const state = stateOf(request, "csrf_token()");
  if (!state.sessions.enabled) throw new MissingSecretKey("csrf_token()");
  return sessionToken(state);
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Checks an unsafe request's CSRF token (Django's `CsrfViewMiddleware`, Flask-WTF's
 * `CSRFProtect`): from the `csrf_token` form field or an `X-CSRFToken` / `X-CSRF-Token`
 * header, against the session's. A missing or wrong one is a 403.
 * @example const refused = checkCsrf(state, "POST", form, req.headers);
 */
export function checkCsrf(
  state: RequestDataState,
  method: string,
  form: FieldValues,
  headers: IncomingHttpHeaders,
): Rejection | undefined {
  if (SAFE_METHODS.has(method)) return undefined;
  const field = form[CSRF_FIELD];
  const header = CSRF_HEADERS.map((name) => headers[name]).find((value) => value !== undefined);
  const given = typeof field === "string" ? field : typeof header === "string" ? header : undefined;
  if (given === undefined || given === "") {
    return {
      status: 403,
      description:
        "The CSRF token is missing: the form must send the csrf_token() of its page in a csrf_token field (or an X-CSRFToken header).",
    };
  }
  const expected = state.session.data[TOKEN_KEY];
  if (typeof expected !== "string" || !sameToken(given, expected)) {
    return {
      status: 403,
      description:
        "The CSRF token is invalid or has expired: reload the page that has the form and send it again.",
    };
  }
  return undefined;
}
