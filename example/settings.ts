import { fileURLToPath } from "node:url";

/**
 * The modules this app is made of (Django's INSTALLED_APPS): drop one from the list and its
 * pages are gone. Kept apart from app.ts so that modules can read it without importing the app.
 */
export const ENABLED_MODULES = ["admin", "api", "forum", "home"];

/**
 * The key that signs the session cookie (logins, flash messages, CSRF tokens). The default is
 * for development only and is public (it is in this file): set SECRET_KEY to a long random
 * value (`openssl rand -hex 32`) anywhere the site is reachable by others.
 */
export const SECRET_KEY = process.env.SECRET_KEY || "development-only-secret-key-change-me";

/**
 * The SQLite database file: EXAMPLE_DATABASE, else var/site.db beside this file (git-ignored).
 * Read when the database is first opened, so that a test can point it at a folder of its own.
 */
export const databasePath = (): string =>
  process.env.EXAMPLE_DATABASE || fileURLToPath(new URL("./var/site.db", import.meta.url));

/** Threads on one page of the forum's board (and of the API's list). */
export const THREADS_PER_PAGE = 5;
