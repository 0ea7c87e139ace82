import "server-only";
import { db } from "@/lib/db";

/** Which of these papers the user has upvoted (one query for a whole page of cards). */
export async function getUpvotedArxivIds(userId: string, arxivIds: readonly string[]): Promise<Set<string>> {
  if (arxivIds.length === 0) return new Set();
  const rows = await db.vote.findMany({
    where: { userId, paper: { arxivId: { in: [...arxivIds] } } },
    select: { paper: { select: { arxivId: true } } },
  });
  return new Set(rows.map((row) => row.paper.arxivId));
}
