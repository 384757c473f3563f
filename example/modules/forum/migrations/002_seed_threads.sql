-- A few threads for a new site, enough for two pages of the board (five a page).
INSERT INTO threads (title, body, author, created_at) VALUES
  ('Welcome to the forum', 'Every page here comes from the forum module: its urls, views, templates and stylesheet.', 'admin', '2026-01-05T09:00:00Z'),
  ('Modules override the root', 'A module''s templates and static files win over the root''s.', 'admin', '2026-01-06T09:00:00Z'),
  ('Pages of the board', 'The board is /forum/ and /forum/page/2/: one view, two urls, the first with defaults page=1.', 'admin', '2026-01-07T09:00:00Z'),
  ('Forms and their errors', 'A form that fails its schema comes back with each problem beside its field.', 'admin', '2026-01-08T09:00:00Z'),
  ('The JSON API', 'The api module serves these threads as JSON at /api/threads/.', 'admin', '2026-01-09T09:00:00Z'),
  ('SQLite in WAL mode', 'One file under var/, numbered migrations in each module, applied on start.', 'admin', '2026-01-10T09:00:00Z'),
  ('Ask anything', 'Reply below: a reply is a form too, with its CSRF token.', 'admin', '2026-01-11T09:00:00Z');

INSERT INTO replies (thread_id, body, author, created_at) VALUES
  (1, 'Glad to be here.', 'ada', '2026-01-05T10:00:00Z'),
  (1, 'Same here: the replies come from SQLite too.', 'grace', '2026-01-05T11:00:00Z');
