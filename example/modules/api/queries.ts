import { z } from "zod";

/** `?page=2`: a page number from 1, page 1 when absent; anything else is a 400 before the view. */
export const pageQuery = z.object({
  page: z.coerce
    .number({ error: "page must be a number." })
    .int("page must be a whole number.")
    .min(1, "page starts at 1.")
    .default(1),
});
