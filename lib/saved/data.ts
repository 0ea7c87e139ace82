import "server-only";
import { db } from "@/lib/db";
import { detailFromRow, PAPER_COLUMNS, type PaperDetail, type PaperRow } from "@/lib/papers/data";

export interface SavedPaper {
  paper: PaperDetail;
  note: string;
  savedAt: Date;
}

/** A reader's reading list holds at most this many papers on one page (and in one export). */
export const SAVED_LIMIT = 1_000;

/** The reader's reading list, most recently saved first. */
export async function getSavedPapers(userId: string, limit = SAVED_LIMIT): Promise<SavedPaper[]> {
  const rows = await db.$queryRaw<(PaperRow & { note: string; saved_at: Date })[]>`
    SELECT ${PAPER_COLUMNS}, s.note, s.created_at AS saved_at
    FROM saved_papers s JOIN papers p ON p.id = s.paper_id
    WHERE s.user_id = ${userId}
    ORDER BY s.created_at DESC, p.id DESC
    LIMIT ${limit}`;
  return rows.map((row) => ({ paper: detailFromRow(row), note: row.note, savedAt: row.saved_at }));
}
