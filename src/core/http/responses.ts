import { InvalidResponse, MicroServicesError } from "../errors.js";
import { escapeHtml } from "./html.js";

const RENDER = Symbol.for("microservices-app.render");
const REDIRECT = Symbol.for("microservices-app.redirect");

/** A template to render, returned by a view: `render("main.html", { user })`. */
export interface RenderResult {
  readonly template: string;
  readonly context: Readonly<Record<string, unknown>>;
}

/**
 * Asks the host to render a template with the module-first search order, as the response.
 * @example export const panel = () => render("admin/main.html", { title: "Admin" });
 */
export function render(template: string, context: Record<string, unknown> = {}): RenderResult {
  return new Rendered(template, context);
}

/**
 * What `render()` returns: its mark is on the prototype, so that a page costs no
 * `defineProperty` (a tenth of the library's own time on a template page, profiled under load).
 */
class Rendered implements RenderResult {
  constructor(
    readonly template: string,
    readonly context: Readonly<Record<string, unknown>>,
  ) {
    Object.freeze(this);
  }
}
Object.defineProperty(Rendered.prototype, RENDER, { value: true });

/** A redirect, returned by a view: `redirect("/login/")`. */
export interface RedirectResult {
  readonly location: string;
  readonly status: number;
}

/**
 * A redirect response (302 by default), returned by a view.
 * @example export const old = (req: ViewRequest) => redirect(req.urlFor("home.index"), 301);
 */
export function redirect(location: string, status = 302): RedirectResult {
  if (![301, 302, 303, 307, 308].includes(status)) {
    throw new RangeError(
      `redirect() needs a redirect status (301, 302, 303, 307 or 308), got ${status}.`,
    );
  }
  const result = { location, status };
  Object.defineProperty(result, REDIRECT, { value: true });
  return Object.freeze(result);
}

/**
 * An HTTP error a view raises on purpose (Flask's `abort`): the client gets this status and
 * the error page for it.
 * @example if (!user.isAdmin) throw new HTTPException(403);
 */
export class HTTPException extends MicroServicesError {
  constructor(
    readonly status: number,
    readonly description?: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(description ?? `HTTP ${status}`);
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new RangeError(`An HTTPException needs an error status (400-599), got ${status}.`);
    }
  }
}

/**
 * Stops the view with an HTTP error page (Flask's `abort`).
 * @example if (!thread) abort(404);
 */
export function abort(status: number, description?: string): never {
  throw new HTTPException(status, description);
}

/** A response body as the hosts write it. */
export type ResponseBody = string | Uint8Array | ReadableStream<Uint8Array> | null;

/** A response described without a host: status, headers (in order), body. */
export interface ResponseSpec {
  status: number;
  headers: [string, string][];
  body: ResponseBody;
}

const HTML = "text/html; charset=utf-8";
const JSON_TYPE = "application/json; charset=utf-8";

const isRender = (value: object): value is RenderResult =>
  (value as Record<symbol, unknown>)[RENDER] === true;
const isRedirect = (value: object): value is RedirectResult =>
  (value as Record<symbol, unknown>)[REDIRECT] === true;

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

const isStatus = (value: unknown): value is number =>
  typeof value === "number" && Number.isInteger(value) && value >= 100 && value <= 599;

function isHeaders(value: unknown): value is Record<string, string> | Headers {
  return (
    value === undefined ||
    value instanceof Headers ||
    (typeof value === "object" && value !== null && isPlainObject(value))
  );
}

/** `[body, status]` or `[body, status, headers]`, Flask's tuple. */
function isTuple(
  value: unknown[],
): value is [unknown, number, (Record<string, string> | Headers)?] {
  return (value.length === 2 || value.length === 3) && isStatus(value[1]) && isHeaders(value[2]);
}

/** The HTML body of a redirect, for clients that do not follow it. */
function redirectBody(location: string): string {
  const href = escapeHtml(location);
  return `<!doctype html>\n<html lang="en">\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n<p>You should be redirected automatically to the target URL: <a href="${href}">${href}</a>. If not, click the link.</p>\n`;
}

/** A redirect: `Location`, and a small page for clients that do not follow it. */
export function redirectResponse(location: string, status: number): ResponseSpec {
  return {
    status,
    headers: [
      ["location", location],
      ["content-type", HTML],
    ],
    body: redirectBody(location),
  };
}

/**
 * Turns what a view returned into a response: a string is HTML, a plain object or array is
 * JSON, `render()` a template, `redirect()` a redirect, `[body, status, headers?]` sets the
 * status and headers, a `Response` is sent as is. `undefined` means the view sent the
 * response itself (a native handler); anything else is an `InvalidResponse`.
 */
export function toResponseSpec(
  value: unknown,
  endpoint: string,
  renderTemplate: (result: RenderResult) => string,
  source?: string,
): ResponseSpec | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string")
    return { status: 200, headers: [["content-type", HTML]], body: value };
  if (typeof value !== "object" || value === null)
    throw new InvalidResponse(endpoint, value, source);
  if (isRender(value))
    return { status: 200, headers: [["content-type", HTML]], body: renderTemplate(value) };
  if (isRedirect(value)) return redirectResponse(value.location, value.status);
  if (value instanceof Uint8Array) {
    return { status: 200, headers: [["content-type", "application/octet-stream"]], body: value };
  }
  if (Array.isArray(value) && isTuple(value)) {
    const [body, status, headers] = value;
    if (Array.isArray(body) && isTuple(body)) throw new InvalidResponse(endpoint, value, source);
    const inner = toResponseSpec(body, endpoint, renderTemplate, source);
    if (!inner) throw new InvalidResponse(endpoint, value, source);
    const extra = headers instanceof Headers ? [...headers] : Object.entries(headers ?? {});
    const names = new Set(extra.map(([name]) => name.toLowerCase()));
    return {
      status,
      headers: [
        ...inner.headers.filter(([name]) => !names.has(name)),
        ...extra.map(([name, text]) => [name, String(text)] as [string, string]),
      ],
      body: inner.body,
    };
  }
  if (Array.isArray(value) || isPlainObject(value)) {
    return { status: 200, headers: [["content-type", JSON_TYPE]], body: JSON.stringify(value) };
  }
  // Last: undici's instanceof check costs more than the others together.
  if (value instanceof Response) {
    return { status: value.status, headers: [...value.headers], body: value.body };
  }
  throw new InvalidResponse(endpoint, value, source);
}
