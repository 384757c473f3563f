import type { IncomingHttpHeaders } from "node:http";
import type { Rejection } from "../request-data/index.js";
import type { ResponseSpec } from "./responses.js";

/** Whether the client would rather read JSON than a page: it asked for JSON, or sent JSON and no wish for HTML. */
function wantsJson(headers: IncomingHttpHeaders): boolean {
  const accept = headers.accept ?? "";
  if (/\bapplication\/(?:[\w.+-]*\+)?json\b/i.test(accept)) return true;
  const sentJson = /^\s*application\/(?:[\w.+-]*\+)?json\b/i.test(headers["content-type"] ?? "");
  return sentJson && !/\btext\/html\b/i.test(accept);
}

/**
 * The answer to a refused request: JSON (`{ error, status, problems }`) for a JSON client,
 * else the app's error page for the status (its `<status>.html` template when it has one).
 * @example rejectionResponse(outcome.rejection, req.headers, (status, description) => app.errorResponse(status, scope, { description }));
 */
export function rejectionResponse(
  rejection: Rejection,
  headers: IncomingHttpHeaders,
  errorPage: (status: number, description: string) => ResponseSpec,
): ResponseSpec {
  const close: [string, string][] = rejection.close ? [["connection", "close"]] : [];
  if (!wantsJson(headers)) {
    const page = errorPage(rejection.status, rejection.description);
    page.headers.push(...close);
    return page;
  }
  return {
    status: rejection.status,
    headers: [["content-type", "application/json; charset=utf-8"], ...close],
    body: JSON.stringify({
      error: rejection.description,
      status: rejection.status,
      problems: rejection.problems ?? [],
    }),
  };
}
