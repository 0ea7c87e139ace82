import { lookupSession } from "@/lib/auth/session-lookup";
import { getReaderCommentState } from "@/lib/comments/data";
import { decodeSegment } from "@/lib/http/request";
import { jsonError } from "@/lib/http/responses";
import { getReplyEmailsSetting } from "@/lib/notifications/data";
import { parseArxivId } from "@/lib/papers/schema";

/**
 * GET /api/papers/<id>/comments/mine: the signed-in reader's own comments and upvotes in a paper's
 * discussion and whether they get reply emails, `{ own: [ids], upvoted: [ids], replyEmails }` (the page itself is a shared copy). A plain GET, not a
 * server action: Next.js runs a page's actions one after another, and this must not hold back an
 * upvote clicked meanwhile.
 */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  const arxivId = parseArxivId(decodeSegment((await context.params).id));
  if (!arxivId) return jsonError(400, "Not an arXiv id (expected something like 2307.04990).", { field: "id" });
  const { user } = await lookupSession(request.headers.get("cookie"));
  if (!user) return jsonError(401, "Sign in first: this endpoint needs a session cookie.");
  const [state, replyEmails] = await Promise.all([getReaderCommentState(user.id, arxivId), getReplyEmailsSetting(user.id)]);
  return Response.json({ ...state, replyEmails }, { headers: { "cache-control": "private, no-store" } });
}
