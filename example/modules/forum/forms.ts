import { z } from "zod";

/** A text field: trimmed, between `min` and `max` characters, with sentences a person reads. */
const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `${label} must be text.` })
    .default("")
    .pipe(
      z
        .string()
        .trim()
        .min(
          min,
          min === 1 ? `${label} is required.` : `${label} needs at least ${min} characters.`,
        )
        .max(max, `${label} can have at most ${max} characters.`),
    );

/** The new-thread form (Standard Schema, through Zod). */
export const threadForm = z.object({
  author: text("Your name", 1, 40),
  title: text("The title", 3, 120),
  body: text("The message", 1, 2000),
});

/** The reply form under a thread. */
export const replyForm = z.object({
  author: text("Your name", 1, 40),
  body: text("The reply", 1, 2000),
});
