import { z } from "zod";
import { arxivIdSchema } from "@/lib/papers/schema";

export const NOTE_MAX_LENGTH = 2_000;

export const setSavedSchema = z.object({ arxivId: arxivIdSchema, saved: z.boolean() });
export const saveNoteSchema = z.object({
  arxivId: arxivIdSchema,
  note: z
    .string()
    .transform((value) => value.replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().max(NOTE_MAX_LENGTH, `A note holds at most ${NOTE_MAX_LENGTH.toLocaleString("en-US")} characters.`)),
});
