-- The admin module's tables: the roles it edits, and who may sign in.
CREATE TABLE roles (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

INSERT INTO roles (id, name, updated_at) VALUES
  (7, 'moderator', '2026-01-05T09:00:00Z'),
  (8, 'editor', '2026-01-05T09:00:00Z'),
  (9, 'reader', '2026-01-05T09:00:00Z');

-- Passwords are stored as scrypt hashes (node:crypto), never as they were typed.
CREATE TABLE users (
  username TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL
);
