import type { Metadata } from "next";
import { LeadAuthors } from "@/components/papers/lead-authors";
import { MathText } from "@/components/papers/math-text";
import { SaveButton } from "@/components/saved/save-button";
import { SavedNote } from "@/components/saved/saved-note";
import { Notice } from "@/components/ui/notice";
import { requireUser } from "@/lib/auth/session";
import { dayFromDate, formatDay } from "@/lib/dates";
import { CARD_AUTHORS } from "@/lib/papers/data";
import { excerpt } from "@/lib/papers/excerpt";
import { arxivAbsUrl, arxivPdfUrl } from "@/lib/papers/urls";
import { getSavedPapers } from "@/lib/saved/data";

export const metadata: Metadata = { title: "Your reading list", robots: { index: false } };
export const dynamic = "force-dynamic";

/**
 * The papers the reader saved for later, newest first, each as a card shows it (authors, excerpt) with
 * its links and note; exports as BibTeX (notes as `annote`) or arXiv ids.
 */
export default async function SavedPage() {
  const user = await requireUser("/me/saved");
  const saved = await getSavedPapers(user.id);
  return (
    <div className="mx-auto max-w-3xl">
      <header className="mb-6 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">Your reading list</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-300">
            {`${saved.length} ${saved.length === 1 ? "paper" : "papers"} saved for later`}
          </p>
        </div>
        {saved.length > 0 ? (
          <p className="flex gap-3 text-sm">
            <a href="/me/saved/export.bib" className="font-semibold text-accent-600 underline dark:text-accent-400" download>
              Export BibTeX
            </a>
            <a href="/me/saved/export.txt" className="font-semibold text-accent-600 underline dark:text-accent-400" download>
              arXiv ids
            </a>
          </p>
        ) : null}
      </header>
      {saved.length === 0 ? (
        <Notice title="Nothing saved yet">
          Press the bookmark on any paper to keep it here, with a note. Your saved papers also teach your{" "}
          <a href="/papers/for-you" className="underline">
            For you
          </a>{" "}
          feed what you like.
        </Notice>
      ) : (
        <ol className="divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="saved-papers">
          {saved.map(({ paper, note, savedAt }) => (
            <li key={paper.arxivId} className="py-4" data-testid="saved-paper" data-arxiv-id={paper.arxivId}>
              <div className="flex items-start gap-2">
                <h2 className="min-w-0 flex-1 font-semibold break-words">
                  <a href={`/papers/${paper.arxivId}`} className="paper-link">
                    <MathText text={paper.title} />
                  </a>
                </h2>
                <SaveButton arxivId={paper.arxivId} withLabel />
              </div>
              <LeadAuthors names={paper.authors.slice(0, CARD_AUTHORS)} total={paper.authors.length} />
              <p className="text-xs text-zinc-500 dark:text-zinc-400">
                {`arXiv:${paper.arxivId} · ${paper.authors.length} ${paper.authors.length === 1 ? "author" : "authors"} · saved ${formatDay(dayFromDate(savedAt))}`}
              </p>
              <p className="paper-card-excerpt" data-testid="saved-excerpt">
                <MathText text={excerpt(paper.abstract)} />
              </p>
              <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm" data-testid="saved-links">
                <a href={arxivAbsUrl(paper.arxivId)} className="underline">
                  arXiv
                </a>
                <a href={arxivPdfUrl(paper.arxivId)} className="underline">
                  PDF
                </a>
                {paper.githubRepo ? (
                  <a href={paper.githubRepo} className="underline" rel="noopener noreferrer">
                    Code
                  </a>
                ) : null}
                {paper.projectPage ? (
                  <a href={paper.projectPage} className="underline" rel="noopener noreferrer">
                    Project page
                  </a>
                ) : null}
              </p>
              <SavedNote arxivId={paper.arxivId} initial={note} title={paper.title} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
