import type { IncomingHttpHeaders } from "node:http";
import type { Rejection } from "../request-data/index.js";
import { HTTPException, type ResponseSpec } from "./responses.js";

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

/**
 * A request the request-data policy refused (a malformed or oversized body, a missing CSRF
 * token, a failed schema), as an error: the module's and the app's error handlers get it by
 * its status like any `abort()`, and without one the client gets `rejectionResponse`.
 */
export class RequestRejected extends HTTPException {
  constructor(readonly rejection: Rejection) {
    // A body left unread closes the connection, whoever answers.
    super(rejection.status, rejection.description, rejection.close ? { connection: "close" } : {});
  }
}
