import type { SessionStore } from "./session-store.js";

/** How much of a request body the app reads; every size is in bytes. */
export interface BodyLimits {
  /** A URL-encoded form or JSON body, after decoding gzip/deflate/br: 1 MiB (Fastify's default). */
  body?: number;
  /** A whole multipart body, files included: 20 MiB. */
  multipart?: number;
  /** One uploaded file: 10 MiB. */
  fileSize?: number;
  /** Uploaded files in one request: 10. */
  files?: number;
  /** Fields in one form (URL-encoded or multipart) or query string: 1000. */
  fields?: number;
  /** How deep arrays and objects may nest in a JSON body: 64. */
  jsonDepth?: number;
}

/** The session cookie (Flask's `SESSION_COOKIE_*` settings). */
export interface SessionOptions {
  /** The cookie's name: "session". */
  cookieName?: string;
  /** Sends the cookie over HTTPS only (`Secure`); set it when the site is served over HTTPS. */
  secure?: boolean;
  /** The cookie's `SameSite`: "Lax". */
  sameSite?: "Lax" | "Strict" | "None";
  /** The cookie's `Domain`; none by default (this host only). */
  domain?: string;
  /** The cookie's `Path`: "/". */
  path?: string;
  /** Seconds a session stays valid after it was last saved: 31 days (Flask's PERMANENT_SESSION_LIFETIME). */
  maxAge?: number;
  /** Keeps session data on the server, the cookie holding only a signed id; none: data in the cookie. */
  store?: SessionStore;
}

/** The request data options of an app: body limits, the secret key, the session, CSRF. */
export interface RequestDataOptions {
  /**
   * Signs the session cookie (Flask's `SECRET_KEY`). An array rotates keys: the first signs,
   * every one verifies, so that sessions signed with an old key survive a change.
   * @example new MicroServicesApp(import.meta.url, { secretKey: process.env.SECRET_KEY });
   */
  secretKey?: string | readonly string[];
  /** How much of a body is read; over a limit is a 413. */
  bodyLimits?: BodyLimits;
  /** The session cookie's name, flags and lifetime, and an optional server-side store. */
  session?: SessionOptions;
  /**
   * CSRF protection of unsafe methods (POST, PUT, PATCH, DELETE), on by default when the app
   * has a `secretKey`; `false` turns it off for the whole app.
   */
  csrf?: boolean;
}

/** The options, checked and with their defaults: what the request data subsystem reads. */
export interface RequestDataSettings {
  readonly secretKeys: readonly string[];
  readonly limits: Required<BodyLimits>;
  readonly session: Required<Omit<SessionOptions, "domain" | "store">> &
    Pick<SessionOptions, "domain" | "store">;
  readonly csrf: boolean;
}

const MIB = 1024 * 1024;
const DEFAULT_LIMITS: Required<BodyLimits> = {
  body: MIB,
  multipart: 20 * MIB,
  fileSize: 10 * MIB,
  files: 10,
  fields: 1000,
  jsonDepth: 64,
};

function checkCount(option: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(
      `The ${option} option must be a whole number from 0 up, got ${String(value)}; e.g. bodyLimits: { body: 1048576 }.`,
    );
  }
  return value;
}

function readSecretKeys(secretKey: RequestDataOptions["secretKey"]): readonly string[] {
  if (secretKey === undefined) return [];
  const keys = typeof secretKey === "string" ? [secretKey] : [...secretKey];
  if (keys.length === 0 || keys.some((key) => typeof key !== "string" || key.length === 0)) {
    throw new TypeError(
      "The secretKey option must be a non-empty string, or a non-empty array of them (the first signs, every one verifies); e.g. secretKey: process.env.SECRET_KEY.",
    );
  }
  return Object.freeze(keys);
}

/**
 * Checks the request data options and fills in their defaults.
 * @example const settings = requestDataSettings({ secretKey: "s3cret", bodyLimits: { body: 4096 } });
 */
export function requestDataSettings(options: RequestDataOptions = {}): RequestDataSettings {
  const limits = { ...DEFAULT_LIMITS, ...options.bodyLimits };
  for (const [name, value] of Object.entries(limits)) checkCount(`bodyLimits.${name}`, value);
  const session = options.session ?? {};
  const maxAge = checkCount("session.maxAge", session.maxAge ?? 31 * 24 * 60 * 60);
  const cookieName = session.cookieName ?? "session";
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(cookieName)) {
    throw new TypeError(
      `The session.cookieName option must be a cookie name (letters, digits, and !#$%&'*+-.^_\`|~), got ${JSON.stringify(cookieName)}.`,
    );
  }
  if (session.sameSite === "None" && session.secure !== true) {
    throw new TypeError(
      'The session option sameSite: "None" needs secure: true: browsers drop a SameSite=None cookie that is not Secure.',
    );
  }
  const secretKeys = readSecretKeys(options.secretKey);
  return {
    secretKeys,
    limits,
    session: {
      cookieName,
      secure: session.secure ?? false,
      sameSite: session.sameSite ?? "Lax",
      domain: session.domain,
      path: session.path ?? "/",
      maxAge,
      store: session.store,
    },
    csrf: options.csrf ?? true,
  };
}
