import Link from "next/link";
import type { ReactNode } from "react";
import { MathText } from "./math-text";

export interface PaperCardProps {
  arxivId: string;
  title: string;
  excerpt: string;
  authorCount: number;
  /** Already formatted, e.g. "Apr 1, 2026". */
  date: string;
  /** The upvote control (a count, or a button once signed in). */
  upvote: ReactNode;
}

export function PaperCard({ arxivId, title, excerpt, authorCount, date, upvote }: PaperCardProps) {
  const titleId = `paper-${arxivId}-title`;
  return (
    <article
      aria-labelledby={titleId}
      data-testid="paper-card"
      data-arxiv-id={arxivId}
      className="flex gap-4 rounded-2xl border border-zinc-200 bg-white p-4 shadow-xs transition hover:border-zinc-300 hover:shadow-sm dark:border-zinc-800 dark:bg-zinc-900/40 dark:hover:border-zinc-700"
    >
      {upvote}
      <div className="min-w-0 flex-1">
        <h3 id={titleId} className="line-clamp-3 text-base font-semibold leading-snug break-words">
          <Link
            href={`/papers/${arxivId}`}
            className="rounded-sm hover:text-accent-600 hover:underline dark:hover:text-accent-400"
          >
            <MathText text={title} />
          </Link>
        </h3>
        <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">
          <span data-testid="author-count">
            {authorCount} {authorCount === 1 ? "author" : "authors"}
          </span>
          <span aria-hidden="true"> · </span>
          <span>{date}</span>
        </p>
        <p className="mt-2 line-clamp-3 text-sm leading-relaxed text-zinc-600 break-words dark:text-zinc-300">
          <MathText text={excerpt} />
        </p>
      </div>
    </article>
  );
}
