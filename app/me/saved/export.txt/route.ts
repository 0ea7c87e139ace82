import { lookupSession } from "@/lib/auth/session-lookup";
import { jsonError } from "@/lib/http/responses";
import { getSavedPapers } from "@/lib/saved/data";

/** The reader's reading list as arXiv ids, one a line (for scripts, `arxiv-dl`, a citation manager). */
export async function GET(request: Request) {
  const { user } = await lookupSession(request.headers.get("cookie"));
  if (!user) return jsonError(401, "Sign in first: your reading list is yours.");
  const saved = await getSavedPapers(user.id);
  return new Response(saved.map(({ paper }) => `${paper.arxivId}\n`).join(""), {
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "content-disposition": 'attachment; filename="daily-papers-reading-list.txt"',
      "cache-control": "private, no-store",
    },
  });
}
