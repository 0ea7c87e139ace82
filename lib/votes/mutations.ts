import "server-only";
import { db } from "@/lib/db";
import type { UpvoteState } from "./schema";

/**
 * Sets a user's upvote on a paper (idempotent: upvoting twice is one upvote, removing a missing
 * upvote is nothing). The vote row's primary key makes a second upvote impossible even under
 * concurrent requests, and a trigger moves papers.upvotes with every row added or removed, in the
 * same transaction. Returns null for an unknown paper.
 */
export async function setUpvote(userId: string, arxivId: string, upvoted: boolean): Promise<UpvoteState | null> {
  return db.$transaction(async (tx) => {
    const [paper] = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM papers WHERE arxiv_id = ${arxivId}`;
    if (!paper) return null;
    if (upvoted) {
      await tx.$executeRaw`
        INSERT INTO votes (user_id, paper_id) VALUES (${userId}, ${paper.id}) ON CONFLICT (user_id, paper_id) DO NOTHING`;
    } else {
      await tx.$executeRaw`DELETE FROM votes WHERE user_id = ${userId} AND paper_id = ${paper.id}`;
    }
    const [state] = await tx.$queryRaw<{ upvotes: number }[]>`SELECT upvotes FROM papers WHERE id = ${paper.id}`;
    return { arxivId, upvotes: state?.upvotes ?? 0, upvoted };
  });
}
