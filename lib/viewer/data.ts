import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import type { ViewerState } from "./schema";

/**
 * The signed-in reader's state for the papers of one page, in two statements side by side: their
 * vote and the current count of each paper, and their account with its subscription (by account,
 * or by its address).
 */
export async function getViewerState(user: CurrentUser, arxivIds: string[]): Promise<ViewerState> {
  const [papers, accounts] = await Promise.all([
    arxivIds.length === 0
      ? []
      : db.$queryRaw<{ arxiv_id: string; upvotes: number; upvoted: boolean; saved: boolean }[]>`
          SELECT p.arxiv_id, p.upvotes, (v.user_id IS NOT NULL) AS upvoted, (sp.user_id IS NOT NULL) AS saved
          FROM papers p
          LEFT JOIN votes v ON v.paper_id = p.id AND v.user_id = ${user.id}
          LEFT JOIN saved_papers sp ON sp.paper_id = p.id AND sp.user_id = ${user.id}
          WHERE p.arxiv_id = ANY(${arxivIds}::text[])`,
    db.$queryRaw<{ email: string | null; verified: boolean; status: string | null; token: string | null; follows: string[] }[]>`
      SELECT u.email, (u.email_verified IS NOT NULL) AS verified, s.status::text AS status, s.token,
             ARRAY(SELECT f.kind::text || ':' || f.value FROM follows f WHERE f.user_id = u.id ORDER BY f.created_at) AS follows
      FROM users u
      LEFT JOIN LATERAL (
        SELECT status, token FROM subscribers
        WHERE user_id = u.id OR (u.email IS NOT NULL AND email = lower(u.email))
        ORDER BY (user_id = u.id) DESC
        LIMIT 1
      ) s ON true
      WHERE u.id = ${user.id}`,
  ]);
  const account = accounts[0];
  return {
    signedIn: true,
    email: user.email ?? user.name ?? "Account",
    upvoted: papers.filter((paper) => paper.upvoted).map((paper) => paper.arxiv_id),
    upvotes: Object.fromEntries(papers.map((paper) => [paper.arxiv_id, paper.upvotes])),
    saved: papers.filter((paper) => paper.saved).map((paper) => paper.arxiv_id),
    follows: account?.follows ?? [],
    digest: {
      verifiedEmail: account?.email && account.verified ? account.email : null,
      subscription:
        account?.status && account.token
          ? { status: account.status, preferencesHref: `/digest/preferences/${account.token}` }
          : null,
    },
  };
}
