import "server-only";
import { db, SQLSTATE, sqlState } from "@/lib/db";

/** Why a write was refused, for the reader (the database enforces each of these). */
export type CommentRefusal = "not-found" | "banned" | "not-a-thread" | "not-yours";

export type CommentWrite<T> = { ok: true; value: T } | { ok: false; refusal: CommentRefusal };

/**
 * Posts a comment on a paper, or a reply to one of its top-level comments. The database refuses a
 * banned author and a reply to a reply or to another paper's comment (comments_check_thread).
 */
export async function postComment(input: {
  authorId: string;
  arxivId: string;
  body: string;
  parentId?: number;
}): Promise<CommentWrite<{ id: number }>> {
  try {
    const rows = await db.$queryRaw<{ id: number }[]>`
      INSERT INTO comments (paper_id, author_id, parent_id, body)
      SELECT id, ${input.authorId}, ${input.parentId ?? null}::int, ${input.body} FROM papers WHERE arxiv_id = ${input.arxivId}
      RETURNING id`;
    const row = rows[0];
    return row ? { ok: true, value: { id: row.id } } : { ok: false, refusal: "not-found" };
  } catch (error) {
    const code = sqlState(error);
    if (code === SQLSTATE.insufficientPrivilege) return { ok: false, refusal: "banned" };
    if (code === SQLSTATE.checkViolation) return { ok: false, refusal: "not-a-thread" };
    throw error;
  }
}

/**
 * Changes the text of one's own comment (not a deleted one), marking it edited. The database refuses
 * a banned author's edit as it refuses their new comments.
 */
export async function editComment(authorId: string, commentId: number, body: string): Promise<CommentWrite<true>> {
  try {
    const changed = await db.$executeRaw`
      UPDATE comments SET body = ${body}, edited_at = now()
      WHERE id = ${commentId} AND author_id = ${authorId} AND deleted_at IS NULL`;
    return changed === 1 ? { ok: true, value: true } : { ok: false, refusal: "not-yours" };
  } catch (error) {
    if (sqlState(error) === SQLSTATE.insufficientPrivilege) return { ok: false, refusal: "banned" };
    throw error;
  }
}

/**
 * Deletes one's own comment. One with replies stays as "[deleted]" (deleted_at set) so that its thread
 * still reads; one without is removed, its upvotes and reports with it.
 */
export async function deleteComment(authorId: string, commentId: number): Promise<CommentWrite<true>> {
  const removed = await db.$executeRaw`
    DELETE FROM comments c
    WHERE c.id = ${commentId} AND c.author_id = ${authorId}
      AND NOT EXISTS (SELECT 1 FROM comments r WHERE r.parent_id = c.id)`;
  if (removed === 1) return { ok: true, value: true };
  const marked = await db.$executeRaw`
    UPDATE comments SET deleted_at = now()
    WHERE id = ${commentId} AND author_id = ${authorId} AND deleted_at IS NULL`;
  return marked === 1 ? { ok: true, value: true } : { ok: false, refusal: "not-yours" };
}

/** A user's upvote on a comment (one at most, by the primary key; the count moves by trigger). */
export async function setCommentVote(userId: string, commentId: number, upvoted: boolean): Promise<number | null> {
  if (upvoted) {
    await db.$executeRaw`
      INSERT INTO comment_votes (user_id, comment_id)
      SELECT ${userId}, id FROM comments WHERE id = ${commentId} AND deleted_at IS NULL AND hidden_at IS NULL
      ON CONFLICT (user_id, comment_id) DO NOTHING`;
  } else {
    await db.$executeRaw`DELETE FROM comment_votes WHERE user_id = ${userId} AND comment_id = ${commentId}`;
  }
  const [row] = await db.$queryRaw<{ upvotes: number }[]>`SELECT upvotes FROM comments WHERE id = ${commentId}`;
  return row?.upvotes ?? null;
}

/** Reports a comment to the operators, once per user (a second report is no new report). */
export async function reportComment(userId: string, commentId: number, reason: string): Promise<boolean> {
  const added = await db.$executeRaw`
    INSERT INTO comment_reports (user_id, comment_id, reason)
    SELECT ${userId}, id, ${reason} FROM comments WHERE id = ${commentId}
    ON CONFLICT (user_id, comment_id) DO NOTHING`;
  return added === 1;
}

/** An operator hides a comment from everyone else, or restores it; its reports are resolved. */
export async function setCommentHidden(commentId: number, hidden: boolean): Promise<boolean> {
  const changed = await db.$executeRaw`
    UPDATE comments SET hidden_at = ${hidden ? new Date() : null} WHERE id = ${commentId}`;
  await db.$executeRaw`UPDATE comment_reports SET resolved_at = now() WHERE comment_id = ${commentId} AND resolved_at IS NULL`;
  return changed === 1;
}

/** An operator bans a user from commenting (what they wrote stays, unless hidden one by one). */
export async function banCommenter(userId: string, reason: string): Promise<void> {
  await db.$executeRaw`
    INSERT INTO comment_bans (user_id, reason) VALUES (${userId}, ${reason})
    ON CONFLICT (user_id) DO UPDATE SET reason = EXCLUDED.reason`;
}

/** An operator lets a banned user comment again. */
export async function unbanCommenter(userId: string): Promise<boolean> {
  return (await db.$executeRaw`DELETE FROM comment_bans WHERE user_id = ${userId}`) === 1;
}
