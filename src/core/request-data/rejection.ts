/** One field's problem, as a failed validation reports it. */
export interface FieldProblem {
  /** Where the value came from: "query", "form" or "json". */
  readonly location: "query" | "form" | "json";
  /** The field's path, dotted: "title", "tags.0"; "" for the whole value. */
  readonly field: string;
  readonly message: string;
}

/**
 * Why a request was answered before its view ran: a 4xx status, a sentence for the client,
 * and for a failed validation each field's problem.
 */
export interface Rejection {
  readonly status: 400 | 403 | 413 | 415;
  readonly description: string;
  readonly problems?: readonly FieldProblem[];
  /**
   * The body was left partly unread (refused before or while reading it): the answer closes
   * the connection, rather than read the rest of a body no one wants or let it stall the next
   * request on the connection.
   */
  readonly close?: boolean;
}

/** A request refused by the body reader, as a value to throw inside the reader and catch once. */
export class RequestDataRejected extends Error {
  constructor(readonly rejection: Rejection) {
    super(rejection.description);
    this.name = "RequestDataRejected";
  }
}

/**
 * Throws a rejection out of the reading code; `readRequestData` turns it into its answer.
 * @example reject(413, "The body is larger than the 1048576-byte limit (bodyLimits.body).");
 */
export function reject(status: Rejection["status"], description: string): never {
  throw new RequestDataRejected({ status, description });
}
