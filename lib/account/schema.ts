import { z } from "zod";
import { UNWANTED_CHARACTERS } from "@/lib/papers/schema";
import { DISPLAY_NAME_MAX_LENGTH, DISPLAY_NAME_MIN_LENGTH } from "./limits";

/**
 * The name a reader shows others beside their comments: visible characters only (as titles), spaces
 * collapsed, 2-40 characters, and not an email address (a name, not a way to reach someone).
 */
export const displayNameSchema = z
  .string()
  .transform((value) => value.replace(UNWANTED_CHARACTERS, "").replace(/\s+/g, " ").trim())
  .pipe(
    z
      .string()
      .min(DISPLAY_NAME_MIN_LENGTH, `A display name has at least ${DISPLAY_NAME_MIN_LENGTH} characters.`)
      .max(DISPLAY_NAME_MAX_LENGTH, `A display name has at most ${DISPLAY_NAME_MAX_LENGTH} characters.`)
      .refine((name) => !name.includes("@"), "A display name cannot hold an email address (no “@”).")
      .refine((name) => !/^\[deleted\]$/i.test(name) && !/^reader-[0-9a-f]{6}$/i.test(name), "Choose another name."),
  );

export const setDisplayNameSchema = z.object({ name: displayNameSchema });
