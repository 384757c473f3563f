import type { OutgoingHttpHeaders, RequestListener } from "node:http";
import { inject as injectRequest } from "light-my-request";

/** A request for `app.inject`: a method (GET), a URL (path and query), headers, a body. */
export interface InjectOptions {
  readonly method?: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** A string or bytes as they are; an object is sent as JSON (`content-type` set). */
  readonly body?: string | Uint8Array | Readonly<Record<string, unknown>> | readonly unknown[];
}

/** What `app.inject` resolves to: the response as a client gets it. */
export interface InjectResponse {
  readonly status: number;
  /** Header names in lower case; a repeated header (`set-cookie`) is an array. */
  readonly headers: Readonly<Record<string, string | string[]>>;
  readonly body: string;
  /** The body parsed as JSON. */
  json<T = unknown>(): T;
}

/** The fields of light-my-request's response (Fastify's `inject` gives the same). */
interface InjectedResponse {
  readonly statusCode: number;
  readonly headers: OutgoingHttpHeaders;
  readonly body: string;
}

/** The methods of light-my-request's response that capture what is sent. */
const PINNED_METHODS = ["writeHead", "write", "end", "destroy", "addTrailers", "setTimeout"];

/** The light-my-request options of an `inject` call; shared by both hosts. */
export const injectRequestOptions = (options: InjectOptions) => ({
  method: (options.method ?? "GET").toUpperCase() as "GET",
  url: options.url,
  headers: { ...options.headers },
  ...(options.body === undefined ? {} : { payload: options.body as string | Buffer | object }),
});

/** The response of an injected request, as `app.inject` gives it. */
export function toInjectResponse(response: InjectedResponse): InjectResponse {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value : String(value);
  }
  const body = response.body;
  return { status: response.statusCode, headers, body, json: () => JSON.parse(body) };
}

/**
 * Sends one request to a Node request listener in the process, without a socket or a port
 * (light-my-request, which Fastify's own `inject` is made of).
 * @example const response = await injectListener(app.handler, { url: "/" }); response.status; // 200
 */
export async function injectListener(
  listener: RequestListener,
  options: InjectOptions,
): Promise<InjectResponse> {
  // light-my-request captures the body in its response's prototype methods, and Express
  // replaces a response's prototype with its own: kept as own fields, they survive the swap.
  const pinned: RequestListener = (req, res) => {
    const capturing = Object.getPrototypeOf(res) as Record<string, unknown>;
    for (const name of PINNED_METHODS) {
      Object.defineProperty(res, name, {
        value: capturing[name],
        configurable: true,
        writable: true,
      });
    }
    listener(req, res);
  };
  return toInjectResponse(
    await injectRequest(
      pinned as Parameters<typeof injectRequest>[0],
      injectRequestOptions(options),
    ),
  );
}
