/**
 * Text as a regular expression that matches exactly it: every character with a meaning in a
 * pattern, or inside a class (`-`), escaped; `/` too, for rules read back as patterns.
 * @example escapeRegex("a.b"); // "a\\.b"
 */
export const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
