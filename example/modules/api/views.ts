import {
  abort,
  HTTPException,
  type RequestDataOf,
  type RuleParams,
  type View,
  type ViewRequest,
} from "microservices-app";
import { ENABLED_MODULES } from "../../settings.js";
import { findThread, repliesOf, type Thread, threadPage } from "../forum/threads.js";
import type { pageQuery } from "./queries.js";

/** A thread as the API shows it, with the path of its page on the site. */
const summary = (req: Pick<ViewRequest, "urlFor">, thread: Thread) => ({
  id: thread.id,
  title: thread.title,
  author: thread.author,
  created_at: thread.created_at,
  replies: thread.replies,
  url: req.urlFor("forum.thread", { thread_id: thread.id }),
});

/** `GET /api/threads/?page=2`: one page of threads, newest first (the query is validated). */
export const threads = (
  req: ViewRequest<RuleParams<"/api/threads/">, RequestDataOf<{ query: typeof pageQuery }>>,
) => {
  const page = threadPage(req.query.page);
  if (!page) abort(404, `There is no page ${req.query.page} of threads.`);
  return {
    page: page.page,
    pages: page.pages,
    total: page.total,
    threads: page.threads.map((thread) => summary(req, thread)),
  };
};

/** `GET /api/threads/<id>/`: a thread with its replies. */
export const thread: View<"/api/threads/<int:thread_id>/"> = (req) => {
  const found = findThread(req.params.thread_id);
  if (!found) abort(404, `There is no thread ${req.params.thread_id}.`);
  return { ...summary(req, found), body: found.body, replies: repliesOf(found.id) };
};

/** A plain object is sent as JSON. */
export const health = (req: ViewRequest) => ({
  status: "ok",
  module: req.module,
  modules: ENABLED_MODULES,
});

/**
 * The API's errors in JSON, whatever the client asked for: `{ error, status }` with the
 * error's own status (a 404 of `abort`, a 400 of a failed query schema).
 */
export const jsonError = (error: unknown) => {
  if (error instanceof HTTPException) {
    return [{ error: error.description, status: error.status }, error.status] as const;
  }
  return [{ error: "The server failed to answer; it is logged.", status: 500 }, 500] as const;
};
