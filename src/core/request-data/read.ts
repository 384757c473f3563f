import type { IncomingMessage } from "node:http";
import { announcesBody, decodedBody, hasBody, readWhole } from "./body-reader.js";
import { mediaType } from "./content-type.js";
import { type Cookies, parseCookies } from "./cookies.js";
import { checkCsrf } from "./csrf.js";
import { type MultipartBody, readMultipart, type UploadedFiles } from "./multipart.js";
import {
  type RequestDataOptions,
  type RequestDataSettings,
  requestDataSettings,
} from "./options.js";
import { type JsonValue, parseFormBody, parseJsonBody } from "./parse-body.js";
import { emptyRecord, type FieldValues, parseFields } from "./records.js";
import { type Rejection, RequestDataRejected } from "./rejection.js";
import { type Session, SessionCookie, sessionProxy } from "./session.js";
import { REQUEST_DATA, type RequestDataState } from "./state.js";
import { type RouteRequestData, validate, validationRejection } from "./validation.js";

/**
 * An app's request data policy: its settings, and its session cookie (signer and store).
 * @example const policy = new RequestDataPolicy({ secretKey: "s3cret" });
 */
export class RequestDataPolicy {
  readonly settings: RequestDataSettings;
  readonly sessions: SessionCookie;

  constructor(options: RequestDataOptions = {}) {
    this.settings = requestDataSettings(options);
    this.sessions = new SessionCookie(this.settings);
  }
}

/** What a view's request gets from the subsystem: set each on the host's request object. */
export interface RequestValues {
  readonly query: unknown;
  readonly form: unknown;
  readonly json: unknown;
  readonly files: UploadedFiles;
  readonly cookies: Cookies;
  readonly session: Session;
  /** Set only when the library read a body: the JSON value, else the form. */
  readonly body?: unknown;
  readonly [REQUEST_DATA]: RequestDataState;
}

/** The values to give the view, or the 4xx to answer instead. */
export type RequestDataOutcome =
  | { readonly kind: "values"; readonly values: RequestValues }
  | { readonly kind: "reject"; readonly rejection: Rejection };

/**
 * Methods whose body is not read (RFC 9110 gives a GET's content no meaning; Node discards
 * it), nor checked against a url's `form` and `json` schemas.
 */
const SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);

interface ReadBody {
  form: FieldValues;
  json: JsonValue | undefined;
  files: UploadedFiles;
  read: boolean;
}

const NO_FILES: UploadedFiles = Object.freeze(emptyRecord<never>());

async function readBody(
  incoming: IncomingMessage,
  settings: RequestDataSettings,
): Promise<ReadBody> {
  if (SAFE_METHODS.has(incoming.method ?? "GET") || !hasBody(incoming)) {
    return { form: emptyRecord(), json: undefined, files: NO_FILES, read: false };
  }
  const { kind } = mediaType(incoming.headers["content-type"]);
  const { limits } = settings;
  if (kind === "multipart") {
    const stream = decodedBody(incoming, limits.multipart, "bodyLimits.multipart");
    let body: MultipartBody;
    try {
      body = await readMultipart(stream, incoming.headers, limits);
    } catch (error) {
      if (error instanceof RequestDataRejected) throw error;
      throw new RequestDataRejected({
        status: 400,
        description: "The multipart/form-data body is malformed.",
      });
    }
    return { form: body.form, json: undefined, files: body.files, read: true };
  }
  const bytes = await readWhole(
    decodedBody(incoming, limits.body, "bodyLimits.body"),
    limits.body,
    "bodyLimits.body",
  );
  if (kind === "form") {
    return {
      form: parseFormBody(bytes, limits.fields),
      json: undefined,
      files: NO_FILES,
      read: true,
    };
  }
  // An empty JSON body is no body, as a request without one.
  const json = bytes.length === 0 ? undefined : parseJsonBody(bytes, limits.jsonDepth);
  return { form: emptyRecord(), json, files: NO_FILES, read: true };
}

/** The query string of a request target, parsed as both hosts did before: repeated names are arrays. */
function parseQuery(url: string | undefined, maxKeys: number): FieldValues {
  const target = url ?? "";
  const start = target.indexOf("?");
  return start === -1 ? emptyRecord() : parseFields(target.slice(start + 1), maxKeys);
}

/**
 * Reads what a request sends a view, before the view runs (the first of the pipeline's two
 * calls): its query, cookies and session, and its body by one policy on every host (forms,
 * JSON, multipart; limits, encodings, charsets); then checks its CSRF token and validates it
 * against the url's schemas. Resolves to the values to set on the host's request, or to the
 * 4xx to answer (a 400, 403, 413 or 415), the view never running. Errors that are not the
 * client's (a store that fails) reject.
 * @example const outcome = await readRequestData(req, app.requestData, route.requestData);
 */
export async function readRequestData(
  incoming: IncomingMessage,
  policy: RequestDataPolicy,
  route: RouteRequestData | undefined,
): Promise<RequestDataOutcome> {
  const { settings, sessions } = policy;
  const method = incoming.method ?? "GET";
  try {
    const cookies = parseCookies(incoming.headers.cookie);
    const sessionCookie = sessions.enabled ? cookies[settings.session.cookieName] : undefined;
    const session = await sessions.load(sessionCookie);
    const state: RequestDataState = { session, sessions, setCookies: [], flashes: undefined };
    const body = await readBody(incoming, settings);
    const query = parseQuery(incoming.url, settings.limits.fields);
    if (sessions.enabled && settings.csrf && route?.csrf !== false) {
      const refused = checkCsrf(state, method, body.form, incoming.headers);
      if (refused !== undefined) return { kind: "reject", rejection: refused };
    }
    const values: { -readonly [Key in keyof RequestValues]: RequestValues[Key] } = {
      query,
      form: body.form,
      json: body.json,
      files: body.files,
      cookies,
      session: sessionProxy(session, sessions.enabled),
      [REQUEST_DATA]: state,
    };
    if (body.read) values.body = body.json ?? body.form;
    const schemas = route?.schemas;
    if (schemas !== undefined && (schemas.query || schemas.form || schemas.json)) {
      const checked = SAFE_METHODS.has(method)
        ? { ...schemas, form: undefined, json: undefined }
        : schemas;
      const result = await validate(checked, values);
      if (!result.ok) return { kind: "reject", rejection: validationRejection(result.problems) };
      Object.assign(values, result.values);
    }
    return { kind: "values", values };
  } catch (error) {
    if (error instanceof RequestDataRejected) {
      const close = !incoming.readableEnded && announcesBody(incoming);
      return { kind: "reject", rejection: { ...error.rejection, close } };
    }
    throw error;
  }
}

/**
 * Puts the values on the host's request as own properties: Express 5 defines `req.query` as a
 * getter without a setter, so plain assignment would throw there.
 * @example applyRequestValues(req, outcome.values);
 */
export function applyRequestValues(request: object, values: RequestValues): void {
  for (const key of Reflect.ownKeys(values)) {
    Object.defineProperty(request, key, {
      value: (values as unknown as Record<PropertyKey, unknown>)[key],
      writable: true,
      configurable: true,
      enumerable: typeof key === "string",
    });
  }
}
