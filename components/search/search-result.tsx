import { LeadAuthors } from "@/components/papers/lead-authors";
import { SaveButton } from "@/components/saved/save-button";
import { UpvoteButton } from "@/components/votes/upvote-button";
import { categoryPath, paperPath } from "@/lib/papers/urls";
import { Highlighted } from "./highlighted";

export interface SearchResultProps {
  arxivId: string;
  highlightedTitle: string;
  highlightedAbstract: string;
  authorCount: number;
  /** The first few names, linked to their pages, as on cards. */
  leadAuthors?: string[];
  numComments?: number;
  /** The paper's primary arXiv category. */
  category?: string;
  date: string;
  /** The count everyone sees (the upvote pill shows the reader's own once signed in). */
  upvotes: number;
}

/** A dense search result: title, lead authors, the abstract from the matching sentence, "N authors · date", the upvote pill. */
export function SearchResult({
  arxivId,
  highlightedTitle,
  highlightedAbstract,
  authorCount,
  leadAuthors = [],
  numComments = 0,
  category,
  date,
  upvotes,
}: SearchResultProps) {
  const counts = `${authorCount} ${authorCount === 1 ? "author" : "authors"} · ${date}${
    numComments > 0 ? ` · ${numComments} ${numComments === 1 ? "comment" : "comments"}` : ""
  }`;
  return (
    <li data-testid="search-result" data-arxiv-id={arxivId} className="result">
      <UpvoteButton arxivId={arxivId} count={upvotes} />
      <div className="min-w-0 flex-1">
        <h2 className="result-title">
          <Highlighted as="a" href={paperPath(arxivId)} className="paper-link" text={highlightedTitle} />
        </h2>
        <LeadAuthors names={leadAuthors} total={authorCount} />
        <Highlighted as="p" className="result-excerpt" text={highlightedAbstract} />
        <div className="result-foot">
          <p>{counts}</p>
          {category ? (
            <a href={categoryPath(category)} className="chip">
              {category}
            </a>
          ) : null}
          <SaveButton arxivId={arxivId} />
        </div>
      </div>
    </li>
  );
}
