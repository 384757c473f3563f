import { z } from "zod";

/** The sign-in form; `next` is where to go afterwards (a path of this site only). */
export const loginForm = z.object({
  username: z
    .string({ error: "The username must be text." })
    .trim()
    .min(1, "The username is required."),
  password: z.string({ error: "The password must be text." }).min(1, "The password is required."),
  next: z.string().default(""),
});

/** The rename form of a role. */
export const roleForm = z.object({
  name: z
    .string({ error: "The name must be text." })
    .default("")
    .pipe(
      z
        .string()
        .trim()
        .min(2, "A role name needs at least 2 characters.")
        .max(40, "A role name can have at most 40 characters.")
        .regex(/^[\w -]+$/, "A role name has letters, digits, spaces, - and _ only."),
    ),
});
