import "server-only";
import { db, SQLSTATE, sqlState } from "@/lib/db";

/**
 * Puts a paper on the reader's reading list, or takes it off: "not-found" when the paper does not
 * exist, "limit" when the list already holds READING_LIST_MAX papers (refused by the database).
 */
export async function setSaved(userId: string, arxivId: string, saved: boolean): Promise<"ok" | "not-found" | "limit"> {
  if (saved) {
    try {
      const rows = await db.$queryRaw<{ ok: boolean }[]>`
        WITH paper AS (SELECT id FROM papers WHERE arxiv_id = ${arxivId}),
        inserted AS (
          INSERT INTO saved_papers (user_id, paper_id) SELECT ${userId}, id FROM paper
          ON CONFLICT (user_id, paper_id) DO NOTHING
        )
        SELECT true AS ok FROM paper`;
      return rows.length === 1 ? "ok" : "not-found";
    } catch (error) {
      if (sqlState(error) === SQLSTATE.checkViolation) return "limit";
      throw error;
    }
  }
  const rows = await db.$queryRaw<{ ok: boolean }[]>`
    WITH paper AS (SELECT id FROM papers WHERE arxiv_id = ${arxivId}),
    removed AS (DELETE FROM saved_papers WHERE user_id = ${userId} AND paper_id = (SELECT id FROM paper))
    SELECT true AS ok FROM paper`;
  return rows.length === 1 ? "ok" : "not-found";
}

/** The reader's note on a saved paper. False when the paper is not on their list. */
export async function setSavedNote(userId: string, arxivId: string, note: string): Promise<boolean> {
  const changed = await db.$executeRaw`
    UPDATE saved_papers SET note = ${note}, updated_at = now()
    WHERE user_id = ${userId} AND paper_id = (SELECT id FROM papers WHERE arxiv_id = ${arxivId})`;
  return changed === 1;
}
