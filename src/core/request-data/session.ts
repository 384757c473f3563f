import { randomBytes } from "node:crypto";
import { MicroServicesError } from "../errors.js";
import { deletionCookie, serializeCookie } from "./cookies.js";
import type { RequestDataSettings } from "./options.js";
import type { JsonValue } from "./parse-body.js";
import { emptyRecord } from "./records.js";
import type { SessionData } from "./session-store.js";
import { TimestampSigner } from "./signing.js";

/** Browsers keep a cookie of at most 4096 bytes, name and attributes included (Flask warns at 4093). */
const COOKIE_SIZE_LIMIT = 4093;

/**
 * A view used `req.session` (or flash, or a CSRF token) in an app without a `secretKey`.
 * @example new MicroServicesApp(import.meta.url, { secretKey: process.env.SECRET_KEY }); // the fix
 */
export class MissingSecretKey extends MicroServicesError {
  constructor(readonly use: string) {
    super(
      `${use} needs the session, and the session needs the app's secretKey option to sign its cookie: pass new MicroServicesApp(import.meta.url, { secretKey: process.env.SECRET_KEY }) with a long random string kept out of the code.`,
    );
  }
}

/**
 * The session cookie came out larger than browsers keep: the session holds too much.
 * @example req.session.cart = hugeList; // throws SessionTooLarge when the response is written
 */
export class SessionTooLarge extends MicroServicesError {
  constructor(
    readonly cookieName: string,
    readonly size: number,
  ) {
    super(
      `The session cookie '${cookieName}' would be ${size} bytes, more than the ${COOKIE_SIZE_LIMIT} bytes browsers keep, so the session would be lost. Keep less in req.session (ids rather than records), or keep sessions on the server with the session.store option.`,
    );
  }
}

/** A request's session as loaded: its data, and whether a view changed it. */
export interface SessionState {
  readonly data: Record<string, JsonValue>;
  /** The id in the store, for a server-side session that was found. */
  readonly id: string | undefined;
  /** The request sent a session cookie (so that clearing the session deletes it). */
  readonly hadCookie: boolean;
  modified: boolean;
  /** A view read or wrote the session: the response then varies by Cookie. */
  accessed: boolean;
}

/** A fresh, empty session state. */
export const emptyState = (hadCookie: boolean, id?: string): SessionState => ({
  data: emptyRecord<JsonValue>(),
  id,
  hadCookie,
  modified: false,
  accessed: false,
});

function decodeData(payload: string): Record<string, JsonValue> | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
    return Object.assign(emptyRecord<JsonValue>(), parsed);
  } catch {
    return undefined;
  }
}

/**
 * The session cookie of an app (Flask's `SecureCookieSessionInterface`): the data as signed,
 * timestamped JSON in the cookie, or with a store only a signed id. A cookie that is
 * tampered with, signed with an unknown key, or older than `session.maxAge` is ignored: the
 * request starts with an empty session.
 * @example const state = await sessions.load(cookies.session); const header = await sessions.save(state);
 */
export class SessionCookie {
  readonly #settings: RequestDataSettings;
  readonly #signer: TimestampSigner | undefined;

  constructor(settings: RequestDataSettings) {
    this.#settings = settings;
    this.#signer =
      settings.secretKeys.length > 0
        ? new TimestampSigner(settings.secretKeys, "cookie-session")
        : undefined;
  }

  /** Whether the app has a secret key, so that sessions (and CSRF) are on. */
  get enabled(): boolean {
    return this.#signer !== undefined;
  }

  /** The session a request's cookie holds; an empty one when it holds none that verifies. */
  load(cookie: string | undefined): SessionState | Promise<SessionState> {
    const signer = this.#signer;
    if (signer === undefined || cookie === undefined) return emptyState(false);
    const { maxAge, store } = this.#settings.session;
    const unsigned = signer.unsign(cookie, maxAge);
    if (!unsigned.ok) return emptyState(true);
    if (store === undefined) {
      const data = decodeData(unsigned.payload);
      return data === undefined ? emptyState(true) : { ...emptyState(true), data };
    }
    return Promise.resolve(store.load(unsigned.payload)).then((data) =>
      data === undefined
        ? emptyState(true)
        : {
            ...emptyState(true, unsigned.payload),
            data: Object.assign(emptyRecord<JsonValue>(), data),
          },
    );
  }

  /**
   * The `Set-Cookie` value that saves a changed session, deletes an emptied one, or nothing
   * when the view left it as it was. A cookie over the browsers' size is a `SessionTooLarge`.
   */
  save(state: SessionState): string | undefined | Promise<string | undefined> {
    const signer = this.#signer;
    if (signer === undefined || !state.modified) return undefined;
    const { cookieName, maxAge, store, ...attributes } = this.#settings.session;
    const empty = Object.keys(state.data).length === 0;
    const cookieOptions = { ...attributes, maxAge, httpOnly: true };
    if (empty) {
      const deletion = state.hadCookie ? deletionCookie(cookieName, attributes) : undefined;
      if (store !== undefined && state.id !== undefined) {
        return Promise.resolve(store.destroy(state.id)).then(() => deletion);
      }
      return deletion;
    }
    if (store !== undefined) {
      const id = state.id ?? randomBytes(24).toString("base64url");
      return Promise.resolve(store.save(id, state.data as SessionData, maxAge)).then(() =>
        serializeCookie(cookieName, signer.sign(id), cookieOptions),
      );
    }
    const payload = Buffer.from(JSON.stringify(state.data)).toString("base64url");
    const header = serializeCookie(cookieName, signer.sign(payload), cookieOptions);
    if (header.length > COOKIE_SIZE_LIMIT) throw new SessionTooLarge(cookieName, header.length);
    return header;
  }
}

/** The session as a view sees it: a record of JSON values (Flask's `session` dict). */
export type Session = SessionData;

/**
 * `req.session`: reads and writes go to the loaded data and mark it accessed or modified; in
 * an app without a secret key, any use is a `MissingSecretKey`. Change a nested value by
 * assigning its key again (`req.session.cart = [...cart, item]`): changes inside a value are
 * not seen, as in Flask.
 * @example const session = sessionProxy(state, true); session.user = "ada";
 */
export function sessionProxy(state: SessionState, enabled: boolean): Session {
  const check = () => {
    if (!enabled) throw new MissingSecretKey("req.session");
    state.accessed = true;
  };
  return new Proxy(state.data, {
    get(data, key) {
      // `then` is asked by `await`, not by a view: a session is not a promise.
      if (typeof key === "symbol" || key === "then") return undefined;
      check();
      return data[key];
    },
    set(data, key, value: JsonValue) {
      check();
      if (typeof key === "symbol") return false;
      data[key] = value;
      state.modified = true;
      return true;
    },
    deleteProperty(data, key) {
      check();
      if (typeof key === "symbol") return false;
      if (key in data) state.modified = true;
      delete data[key];
      return true;
    },
    has(data, key) {
      check();
      return key in data;
    },
    ownKeys(data) {
      check();
      return Reflect.ownKeys(data);
    },
  }) as Session;
}
