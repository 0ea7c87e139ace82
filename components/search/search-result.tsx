import type { ReactNode } from "react";
import { LeadAuthors } from "@/components/papers/lead-authors";
import { SaveButton } from "@/components/saved/save-button";
import { categoryPath } from "@/lib/papers/urls";
import { Highlighted } from "./highlighted";

export interface SearchResultProps {
  arxivId: string;
  highlightedTitle: string;
  highlightedAbstract: string;
  authorCount: number;
  /** The first few names, linked to their pages, as on cards. */
  leadAuthors?: string[];
  numComments?: number;
  /** arXiv categories, the primary one first (the result shows it). */
  categories?: string[];
  date: string;
  upvote: ReactNode;
}

/** A dense search result: title, lead authors, the abstract from the matching sentence, "N authors · date", the upvote pill. */
export function SearchResult({
  arxivId,
  highlightedTitle,
  highlightedAbstract,
  authorCount,
  leadAuthors = [],
  numComments = 0,
  categories = [],
  date,
  upvote,
}: SearchResultProps) {
  return (
    <li data-testid="search-result" data-arxiv-id={arxivId} className="flex gap-4 py-4">
      {upvote}
      <div className="min-w-0 flex-1">
        <h2 className="text-base font-semibold leading-snug break-words">
          <a href={`/papers/${arxivId}`} className="hover:text-accent-600 hover:underline dark:hover:text-accent-400">
            <Highlighted text={highlightedTitle} />
          </a>
        </h2>
        <LeadAuthors names={leadAuthors} total={authorCount} />
        <p className="mt-1 line-clamp-3 text-sm leading-relaxed text-zinc-600 break-words dark:text-zinc-300">
          <Highlighted text={highlightedAbstract} />
        </p>
        <div className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-zinc-500 dark:text-zinc-400">
          <p>
            {authorCount} {authorCount === 1 ? "author" : "authors"} · {date}
            {numComments > 0 ? ` · ${numComments} ${numComments === 1 ? "comment" : "comments"}` : ""}
          </p>
          {categories[0] ? (
            <a href={categoryPath(categories[0])} className="chip">
              {categories[0]}
            </a>
          ) : null}
          <span className="ml-auto">
            <SaveButton arxivId={arxivId} />
          </span>
        </div>
      </div>
    </li>
  );
}
