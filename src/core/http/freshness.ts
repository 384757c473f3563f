import type { IncomingHttpHeaders } from "node:http";
import fresh from "fresh";

/** What a freshness check reads of a response: its validators, through the host's `getHeader`. */
export interface ValidatedResponse {
  getHeader(name: string): unknown;
}

const textOf = (value: unknown): string | undefined =>
  typeof value === "string" ? value : undefined;

/**
 * Whether the client's cached copy of a response is still good (Express's `req.fresh`): only
 * a conditional GET or HEAD answered with a 2xx or 304 can be, and only when the response's
 * `ETag` or `Last-Modified` says so. For hosts whose sender does not answer 304s itself.
 * @example if (isFresh(req.method, req.headers, 200, res)) sendNotModified();
 */
export function isFresh(
  method: string | undefined,
  requestHeaders: IncomingHttpHeaders,
  status: number,
  response: ValidatedResponse,
): boolean {
  // Most requests are unconditional: answered before the response's headers are read.
  if (
    requestHeaders["if-none-match"] === undefined &&
    requestHeaders["if-modified-since"] === undefined
  )
    return false;
  if (method !== "GET" && method !== "HEAD") return false;
  if ((status < 200 || status >= 300) && status !== 304) return false;
  return fresh(requestHeaders, {
    etag: textOf(response.getHeader("etag")),
    "last-modified": textOf(response.getHeader("last-modified")),
  });
}
