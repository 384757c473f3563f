import { database } from "../../database.js";
import { THREADS_PER_PAGE } from "../../settings.js";

/** A forum thread, as stored. */
export interface Thread {
  readonly id: number;
  readonly title: string;
  readonly body: string;
  readonly author: string;
  readonly created_at: string;
  readonly replies: number;
}

/** A reply under a thread. */
export interface Reply {
  readonly id: number;
  readonly thread_id: number;
  readonly body: string;
  readonly author: string;
  readonly created_at: string;
}

/** One page of the board: its threads, newest first, and where it sits among the pages. */
export interface ThreadPage {
  readonly threads: Thread[];
  readonly page: number;
  readonly pages: number;
  readonly total: number;
}

const THREAD_COLUMNS = `t.id, t.title, t.body, t.author, t.created_at,
  (SELECT count(*) FROM replies r WHERE r.thread_id = t.id) AS replies`;

/**
 * The threads of one page (1 is the newest), or `undefined` past the last page. The forum's
 * views and the api module both read the forum's data through this file: one place for SQL.
 * @example threadPage(2)?.threads.map((thread) => thread.title);
 */
export function threadPage(page: number): ThreadPage | undefined {
  const db = database();
  const { total } = db.prepare("SELECT count(*) AS total FROM threads").get() as { total: number };
  const pages = Math.max(1, Math.ceil(total / THREADS_PER_PAGE));
  if (page < 1 || page > pages) return undefined;
  const threads = db
    .prepare(`SELECT ${THREAD_COLUMNS} FROM threads t ORDER BY t.id DESC LIMIT ? OFFSET ?`)
    .all(THREADS_PER_PAGE, (page - 1) * THREADS_PER_PAGE) as Thread[];
  return { threads, page, pages, total };
}

/** A thread by its id, or `undefined`. */
export const findThread = (id: number): Thread | undefined =>
  database().prepare(`SELECT ${THREAD_COLUMNS} FROM threads t WHERE t.id = ?`).get(id) as
    | Thread
    | undefined;

/** A thread's replies, oldest first. */
export const repliesOf = (threadId: number): Reply[] =>
  database()
    .prepare("SELECT * FROM replies WHERE thread_id = ? ORDER BY id")
    .all(threadId) as Reply[];

/** Adds a thread; its id is SQLite's, so that concurrent posts never share one. */
export function addThread(fields: { title: string; body: string; author: string }): number {
  const result = database()
    .prepare("INSERT INTO threads (title, body, author) VALUES (?, ?, ?)")
    .run(fields.title, fields.body, fields.author);
  return Number(result.lastInsertRowid);
}

/** Adds a reply under a thread. */
export function addReply(threadId: number, fields: { body: string; author: string }): number {
  const result = database()
    .prepare("INSERT INTO replies (thread_id, body, author) VALUES (?, ?, ?)")
    .run(threadId, fields.body, fields.author);
  return Number(result.lastInsertRowid);
}
