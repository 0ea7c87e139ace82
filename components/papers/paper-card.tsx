import type { ReactNode } from "react";
import { SaveButton } from "@/components/saved/save-button";
import { categoryPath } from "@/lib/papers/urls";
import { LeadAuthors } from "./lead-authors";
import { MathText } from "./math-text";

export interface PaperCardProps {
  arxivId: string;
  title: string;
  excerpt: string;
  authorCount: number;
  /** The first few names, linked to their pages. */
  leadAuthors?: string[];
  /** arXiv categories, the primary one first; the card shows two. */
  categories?: string[];
  /** Comments under the paper (shown when there are any). */
  numComments?: number;
  /** Already formatted, e.g. "Apr 1, 2026". */
  date: string;
  /** The upvote control (a count, or a button once signed in). */
  upvote: ReactNode;
  /** Why the reader's For you feed shows it ("you follow Ada Lovelace"). */
  reasons?: ReactNode;
}

/**
 * A feed card. Its title is a plain link (a paper page is a shared copy, answered whole from the page
 * cache); the look comes from the component classes in app/globals.css.
 */
export function PaperCard({
  arxivId,
  title,
  excerpt,
  authorCount,
  leadAuthors = [],
  categories = [],
  numComments = 0,
  date,
  upvote,
  reasons,
}: PaperCardProps) {
  const titleId = `t-${arxivId}`;
  return (
    <article aria-labelledby={titleId} data-testid="paper-card" data-arxiv-id={arxivId} className="paper-card">
      {upvote}
      <div className="min-w-0 flex-1">
        <h2 id={titleId} className="paper-card-title">
          <a href={`/papers/${arxivId}`}>
            <MathText text={title} />
          </a>
        </h2>
        <LeadAuthors names={leadAuthors} total={authorCount} />
        {reasons}
        <p className="paper-card-meta">
          <span data-testid="author-count">{`${authorCount} ${authorCount === 1 ? "author" : "authors"}`}</span>
          <span aria-hidden="true"> · </span>
          <span data-testid="paper-date">{date}</span>
          {numComments > 0 ? (
            <>
              <span aria-hidden="true"> · </span>
              <a href={`/papers/${arxivId}#discussion-heading`} data-testid="comment-count">
                {`${numComments} ${numComments === 1 ? "comment" : "comments"}`}
              </a>
            </>
          ) : null}
        </p>
        <p className="paper-card-excerpt">
          <MathText text={excerpt} />
        </p>
        <div className="paper-card-foot">
          {categories.slice(0, 2).map((category) => (
            <a key={category} href={categoryPath(category)} className="chip">
              {category}
            </a>
          ))}
          <SaveButton arxivId={arxivId} />
        </div>
      </div>
    </article>
  );
}
