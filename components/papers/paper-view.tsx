import type { ReactNode } from "react";
import { SaveButton } from "@/components/saved/save-button";
import { LinkButton } from "@/components/ui/link-button";
import { authorPath, categoryPath } from "@/lib/papers/urls";
import { MathText } from "./math-text";

export interface PaperViewProps {
  arxivId: string;
  title: string;
  abstract: string;
  authors: string[];
  /** arXiv categories, the primary one first. */
  categories: string[];
  /** Formatted dates. */
  published: string;
  listedOn: { label: string; href: string };
  links: { arxiv: string; pdf: string; code: string | null; project: string | null };
  upvote: ReactNode;
  similar: { arxivId: string; title: string; meta: string }[];
  /** The discussion under the paper, when there is one. */
  discussion?: ReactNode;
}

/** Large collaborations list hundreds of names; the rest is one click away. */
const AUTHORS_SHOWN = 30;

function AuthorList({ authors, last, testId }: { authors: string[]; last: boolean; testId: string }) {
  return (
    <ul className="flex flex-wrap gap-x-1 gap-y-1 text-sm text-zinc-700 dark:text-zinc-300" data-testid={testId}>
      {authors.map((author, index) => (
        // Names can repeat (two people, one name), so the position is part of the key.
        // biome-ignore lint/suspicious/noArrayIndexKey: the order is fixed
        <li key={`${index}-${author}`}>
          <a href={authorPath(author)} className="author-link">
            {author}
          </a>
          {index < authors.length - 1 || !last ? <span aria-hidden="true">,</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** The paper page: title, authors, upvotes, links, and the abstract set for reading. */
export function PaperView({
  arxivId,
  title,
  abstract,
  authors,
  categories,
  published,
  listedOn,
  links,
  upvote,
  similar,
  discussion,
}: PaperViewProps) {
  return (
    <article className="mx-auto max-w-4xl">
      <p className="text-sm text-zinc-500 dark:text-zinc-400">
        arXiv:{arxivId} · Published {published} · Listed on{" "}
        <a href={listedOn.href} className="underline hover:text-zinc-900 dark:hover:text-zinc-100">
          {listedOn.label}
        </a>
      </p>
      <h1 className="mt-2 text-2xl font-bold leading-tight tracking-tight break-words sm:text-4xl">
        <MathText text={title} />
      </h1>
      <section aria-label="Authors" className="mt-4">
        <AuthorList authors={authors.slice(0, AUTHORS_SHOWN)} last={authors.length <= AUTHORS_SHOWN} testId="authors" />
        {authors.length > AUTHORS_SHOWN ? (
          <details className="mt-1 text-sm">
            <summary className="cursor-pointer text-accent-600 dark:text-accent-400">
              Show {authors.length - AUTHORS_SHOWN} more authors
            </summary>
            <AuthorList authors={authors.slice(AUTHORS_SHOWN)} last testId="more-authors" />
          </details>
        ) : null}
        <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          {authors.length} {authors.length === 1 ? "author" : "authors"}
        </p>
        {categories.length > 0 ? (
          <p className="mt-2 flex flex-wrap gap-1.5" data-testid="categories">
            {categories.map((category) => (
              <a key={category} href={categoryPath(category)} className="chip">
                {category}
              </a>
            ))}
          </p>
        ) : null}
      </section>
      <div className="mt-6 flex flex-wrap items-center gap-3">
        {upvote}
        <LinkButton href={links.arxiv} primary>
          arXiv page
        </LinkButton>
        <LinkButton href={links.pdf}>PDF</LinkButton>
        {links.code ? <LinkButton href={links.code}>Code</LinkButton> : null}
        {links.project ? <LinkButton href={links.project}>Project page</LinkButton> : null}
        <SaveButton arxivId={arxivId} withLabel />
      </div>
      <section aria-labelledby="abstract-heading" className="mt-8">
        <h2 id="abstract-heading" className="text-lg font-semibold">
          Abstract
        </h2>
        <p className="mt-2 max-w-[70ch] text-base leading-7 text-zinc-800 break-words dark:text-zinc-200">
          <MathText text={abstract} />
        </p>
      </section>
      {similar.length > 0 ? (
        <section aria-labelledby="similar-heading" className="mt-10 border-t border-zinc-200 pt-6 dark:border-zinc-800">
          <h2 id="similar-heading" className="text-lg font-semibold">
            Similar papers
          </h2>
          <ul className="mt-3 space-y-3" data-testid="similar-papers">
            {similar.map((paper) => (
              <li key={paper.arxivId}>
                <a
                  href={`/papers/${paper.arxivId}`}
                  className="font-medium hover:text-accent-600 hover:underline dark:hover:text-accent-400"
                >
                  <MathText text={paper.title} />
                </a>
                <span className="block text-xs text-zinc-500 dark:text-zinc-400">{paper.meta}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {discussion}
    </article>
  );
}
