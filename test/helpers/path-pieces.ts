/**
 * Pieces of hostile request paths, for the property tests: separators, dots, escapes that are
 * valid, overlong, double-encoded or malformed, and the characters that end a path.
 */
export const HOSTILE_PATH_PIECES = [
  "/",
  "//",
  "\\",
  ".",
  "..",
  "%",
  "%2e",
  "%2E%2e",
  "%2f",
  "%5c",
  "%00",
  "%ff",
  "%c0%ae",
  "%e0%80%ae",
  "%252e",
  "%25",
  "%c3%28",
  "%ed%a0%80",
  ";",
  "?",
  "#",
] as const;
