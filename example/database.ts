import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { databasePath } from "./settings.js";

/** A migration file's name: a number, an underscore, a name (`001_threads.sql`). */
const MIGRATION_FILE = /^(\d+)_[\w-]+\.sql$/;

let connection: Database.Database | undefined;

/**
 * The process's one connection to the site's SQLite database, opened on first use: the file
 * (and its folder) created if missing, in WAL mode so that the workers of a cluster read while
 * one writes, and waiting up to 5 s for another process's write instead of failing with BUSY.
 * better-sqlite3 is synchronous: in one process, statements never interleave.
 * @example const row = database().prepare("SELECT count(*) AS n FROM threads").get();
 */
export function database(): Database.Database {
  if (connection) return connection;
  const path = databasePath();
  mkdirSync(dirname(path), { recursive: true });
  const opened = new Database(path);
  opened.pragma("journal_mode = WAL");
  opened.pragma("busy_timeout = 5000");
  opened.pragma("foreign_keys = ON");
  connection = opened;
  return opened;
}

/** Closes the connection (the next `database()` opens it again). */
export function closeDatabase(): void {
  connection?.close();
  connection = undefined;
}

/**
 * Applies a module's numbered SQL migrations (`<folder>/001_name.sql`, ...) that the database
 * has not seen, in order, each in a transaction with its record in `schema_migrations`. The
 * check and the changes are one IMMEDIATE transaction, so that processes starting together
 * apply each migration once. Returns the names of the migrations applied.
 * @example applyMigrations("forum", "/srv/site/modules/forum/migrations");
 */
export function applyMigrations(moduleName: string, folder: string): string[] {
  if (!existsSync(folder)) return [];
  const db = database();
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    module TEXT NOT NULL,
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (module, version)
  )`);
  const files = readdirSync(folder)
    .flatMap((name) => {
      const match = MIGRATION_FILE.exec(name);
      return match ? [{ name, version: Number(match[1]) }] : [];
    })
    .sort((a, b) => a.version - b.version);
  const seen = db.prepare("SELECT 1 FROM schema_migrations WHERE module = ? AND version = ?");
  const record = db.prepare(
    "INSERT INTO schema_migrations (module, version, name) VALUES (?, ?, ?)",
  );
  const applied: string[] = [];
  for (const file of files) {
    const apply = db.transaction(() => {
      if (seen.get(moduleName, file.version)) return;
      db.exec(readFileSync(join(folder, file.name), "utf8"));
      record.run(moduleName, file.version, file.name);
      applied.push(`${moduleName}/${file.name}`);
    });
    try {
      apply.immediate();
    } catch (error) {
      throw new Error(
        `The migration ${file.name} of module "${moduleName}" (${join(folder, file.name)}) failed: ${(error as Error).message}. Fix the SQL; the database is as it was before this migration.`,
        { cause: error },
      );
    }
  }
  return applied;
}
