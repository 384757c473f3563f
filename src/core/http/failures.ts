import { ViewTimeout } from "../errors.js";
import { HTTPException } from "./responses.js";

/**
 * The status for an error that ended a request: an `HTTPException`'s, a client error's (a body
 * parser's 400, a static sender's 416, a host's 413 or 415), a `ViewTimeout`'s 503, else 500.
 * @example errorStatus(new HTTPException(403)); // 403
 */
export function errorStatus(error: unknown): number {
  if (error instanceof HTTPException || error instanceof ViewTimeout) return error.status;
  const fields = error as { status?: unknown; statusCode?: unknown } | null;
  const status = fields?.status ?? fields?.statusCode;
  return typeof status === "number" && status >= 400 && status < 500 ? status : 500;
}

/**
 * The headers an error asks the client to get: an `HTTPException`'s, or a client error's
 * (`Content-Range` of a 416, `Allow` of a 405). A server error's are the server's business.
 */
export function errorHeaders(error: unknown, status: number): [string, string][] {
  if (!(error instanceof HTTPException) && status >= 500) return [];
  const headers = (error as { headers?: unknown } | null)?.headers;
  if (typeof headers !== "object" || headers === null) return [];
  return Object.entries(headers).filter(
    (entry): entry is [string, string] => typeof entry[1] === "string",
  );
}

/** An error as one line of a log: "TypeError: message", or the thrown value itself. */
export const describeError = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);
