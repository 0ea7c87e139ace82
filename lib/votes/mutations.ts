import "server-only";
import { db } from "@/lib/db";
import type { UpvoteState } from "./schema";

/**
 * Sets a user's upvote on a paper (idempotent: upvoting twice is one upvote, removing a missing
 * upvote is nothing). The vote row's primary key makes a second upvote impossible even under
 * concurrent requests, and a trigger moves papers.upvotes with every row added or removed, in the
 * same statement. Then the count is read back (the answer the reader's button settles on). Two
 * statements, no transaction around them: each is atomic, and the count read after the change is
 * the current one. Returns null for an unknown paper.
 */
export async function setUpvote(userId: string, arxivId: string, upvoted: boolean): Promise<UpvoteState | null> {
  if (upvoted) {
    await db.$executeRaw`
      INSERT INTO votes (user_id, paper_id)
      SELECT ${userId}, id FROM papers WHERE arxiv_id = ${arxivId}
      ON CONFLICT (user_id, paper_id) DO NOTHING`;
  } else {
    await db.$executeRaw`
      DELETE FROM votes WHERE user_id = ${userId} AND paper_id = (SELECT id FROM papers WHERE arxiv_id = ${arxivId})`;
  }
  const [state] = await db.$queryRaw<{ upvotes: number }[]>`SELECT upvotes FROM papers WHERE arxiv_id = ${arxivId}`;
  return state ? { arxivId, upvotes: state.upvotes, upvoted } : null;
}
