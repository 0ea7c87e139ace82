import { lookupSession } from "@/lib/auth/session-lookup";
import { jsonError } from "@/lib/http/responses";
import { toBibtex } from "@/lib/saved/bibtex";
import { getSavedPapers } from "@/lib/saved/data";

/** The reader's reading list as a BibTeX file, each note as its entry's `annote` (a session cookie is needed). */
export async function GET(request: Request) {
  const { user } = await lookupSession(request.headers.get("cookie"));
  if (!user) return jsonError(401, "Sign in first: your reading list is yours.");
  const saved = await getSavedPapers(user.id);
  return new Response(saved.map(({ paper, note }) => toBibtex(paper, { note })).join("\n"), {
    headers: {
      "content-type": "application/x-bibtex; charset=utf-8",
      "content-disposition": 'attachment; filename="daily-papers-reading-list.bib"',
      "cache-control": "private, no-store",
    },
  });
}
