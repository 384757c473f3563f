import type { JsonValue } from "./parse-body.js";

/** What a session holds: JSON values by key (it is saved as JSON). */
export type SessionData = { [key: string]: JsonValue | undefined };

/**
 * Where server-side sessions live (Flask-Session's interface): the signed cookie then holds
 * only the session's id. Methods may be async (a database, Redis).
 * @example new MicroServicesApp(import.meta.url, { secretKey, session: { store: new MemorySessionStore() } });
 */
export interface SessionStore {
  /** The data saved under an id, or `undefined` when there is none (expired, deleted). */
  load(id: string): SessionData | undefined | Promise<SessionData | undefined>;
  /** Saves the data under an id for `maxAge` seconds. */
  save(id: string, data: SessionData, maxAge: number): void | Promise<void>;
  /** Forgets a session (it was cleared). */
  destroy(id: string): void | Promise<void>;
}

/**
 * Sessions in this process's memory: for development and tests (they are lost on restart and
 * not shared between workers).
 * @example const store = new MemorySessionStore();
 */
export class MemorySessionStore implements SessionStore {
  readonly #sessions = new Map<string, { json: string; expires: number }>();

  load(id: string): SessionData | undefined {
    const saved = this.#sessions.get(id);
    if (saved === undefined) return undefined;
    if (saved.expires <= Date.now()) {
      this.#sessions.delete(id);
      return undefined;
    }
    return JSON.parse(saved.json) as SessionData;
  }

  save(id: string, data: SessionData, maxAge: number): void {
    this.#sessions.set(id, { json: JSON.stringify(data), expires: Date.now() + maxAge * 1000 });
  }

  destroy(id: string): void {
    this.#sessions.delete(id);
  }
}
