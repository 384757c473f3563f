import type { IncomingHttpHeaders } from "node:http";
import fresh from "fresh";

/**
 * Whether the client's cached copy of a response is still good (Express's `req.fresh`): only
 * a conditional GET or HEAD answered with a 2xx or 304 can be, and only when the response's
 * `ETag` or `Last-Modified` says so. For hosts whose sender does not answer 304s itself.
 * @example if (isFresh(req.method, req.headers, 200, { etag: res.getHeader("etag") })) sendNotModified();
 */
export function isFresh(
  method: string,
  requestHeaders: IncomingHttpHeaders,
  status: number,
  validators: { etag?: string | undefined; lastModified?: string | undefined },
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
    etag: validators.etag,
    "last-modified": validators.lastModified,
  });
}
