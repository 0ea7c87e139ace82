import { z } from "zod";
import { arxivIdSchema, UNWANTED_CHARACTERS } from "@/lib/papers/schema";
import { COMMENT_MAX_LENGTH, REPORT_MAX_LENGTH } from "./limits";

/** Links a comment may hold while its author's account is younger than NEW_ACCOUNT_DAYS. */
export const NEW_ACCOUNT_MAX_LINKS = 2;
export const NEW_ACCOUNT_DAYS = 7;

/**
 * Invisible formatting characters (bidirectional overrides, zero-width characters) and control
 * characters are removed, as from titles: "\u202Eevil" would show reversed and spill into the
 * text around it, on the page and in reply emails.
 */
const visible = (value: string) => value.replace(UNWANTED_CHARACTERS, "");

const body = z
  .string()
  .transform((value) => visible(value.replace(/\r\n?/g, "\n")).trim())
  .pipe(
    z
      .string()
      .min(1, "Write something first.")
      .max(COMMENT_MAX_LENGTH, `A comment holds at most ${COMMENT_MAX_LENGTH.toLocaleString("en-US")} characters.`),
  );
const commentId = z.number().int().positive();

export const postCommentSchema = z.object({ arxivId: arxivIdSchema, body, parentId: commentId.optional() });
export const editCommentSchema = z.object({ commentId, body });
export const commentIdSchema = z.object({ commentId });
export const commentVoteSchema = z.object({ commentId, upvoted: z.boolean() });
export const reportCommentSchema = z.object({
  commentId,
  reason: z
    .string()
    .transform((value) => visible(value).trim())
    .pipe(z.string().min(1, "Say what is wrong.").max(REPORT_MAX_LENGTH)),
});
export const previewSchema = z.object({ body });
