// Request data: bodies, query, cookies, sessions, flash messages, CSRF and validation, for
// every host alike. The pipeline calls `readRequestData` before a view and
// `addResponseCookies` before writing its response.

export { type CookieOptions, type Cookies, parseCookies, serializeCookie } from "./cookies.js";
export { CSRF_FIELD, csrfToken } from "./csrf.js";
export { mustRead, requestDefaults } from "./defaults.js";
export { flash, getFlashedMessages } from "./flash.js";
export type { UploadedFile, UploadedFiles } from "./multipart.js";
export type { BodyLimits, RequestDataOptions, SessionOptions } from "./options.js";
export type { JsonValue } from "./parse-body.js";
export {
  applyRequestValues,
  type RequestDataOutcome,
  RequestDataPolicy,
  type RequestValues,
  readRequestData,
} from "./read.js";
export type { FieldValues } from "./records.js";
export type { FieldProblem, Rejection } from "./rejection.js";
export { addResponseCookies, deleteCookie, setCookie } from "./response.js";
export { MissingSecretKey, type Session, SessionTooLarge } from "./session.js";
export { MemorySessionStore, type SessionData, type SessionStore } from "./session-store.js";
export { TimestampSigner } from "./signing.js";
export { requestDataGlobals } from "./templates.js";
export type { DefaultRequestData, RequestDataOf, RequestDataTypes } from "./types.js";
export {
  InvalidSchema,
  type RequestSchemas,
  type RouteRequestData,
  readSchemas,
} from "./validation.js";
