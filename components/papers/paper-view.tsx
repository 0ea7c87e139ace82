import Link from "next/link";
import type { ReactNode } from "react";
import { LinkButton } from "@/components/ui/link-button";
import { MathText } from "./math-text";

export interface PaperViewProps {
  arxivId: string;
  title: string;
  abstract: string;
  authors: string[];
  /** Formatted dates. */
  published: string;
  listedOn: { label: string; href: string };
  links: { arxiv: string; pdf: string; code: string | null; project: string | null };
  upvote: ReactNode;
}

/** The paper page: title, authors, upvotes, links, and the abstract set for reading. */
export function PaperView({ arxivId, title, abstract, authors, published, listedOn, links, upvote }: PaperViewProps) {
  return (
    <article className="mx-auto max-w-4xl">
      <p className="text-sm text-zinc-500 dark:text-zinc-400">
        arXiv:{arxivId} · Published {published} · Listed on{" "}
        <Link href={listedOn.href} className="underline hover:text-zinc-900 dark:hover:text-zinc-100">
          {listedOn.label}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold leading-tight tracking-tight break-words sm:text-4xl">
        <MathText text={title} />
      </h1>
      <section aria-label="Authors" className="mt-4">
        <ul className="flex flex-wrap gap-x-1 gap-y-1 text-sm text-zinc-700 dark:text-zinc-300" data-testid="authors">
          {authors.map((author, index) => (
            // Names can repeat (two people, one name), so the position is part of the key.
            // biome-ignore lint/suspicious/noArrayIndexKey: order is fixed
            <li key={`${index}-${author}`}>
              {author}
              {index < authors.length - 1 ? <span aria-hidden="true">,</span> : null}
            </li>
          ))}
        </ul>
        <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          {authors.length} {authors.length === 1 ? "author" : "authors"}
        </p>
      </section>
      <div className="mt-6 flex flex-wrap items-center gap-3">
        {upvote}
        <LinkButton href={links.arxiv} primary>
          arXiv page
        </LinkButton>
        <LinkButton href={links.pdf}>PDF</LinkButton>
        {links.code ? <LinkButton href={links.code}>Code</LinkButton> : null}
        {links.project ? <LinkButton href={links.project}>Project page</LinkButton> : null}
      </div>
      <section aria-labelledby="abstract-heading" className="mt-8">
        <h2 id="abstract-heading" className="text-lg font-semibold">
          Abstract
        </h2>
        <p className="mt-2 max-w-[70ch] text-base leading-7 text-zinc-800 break-words dark:text-zinc-200">
          <MathText text={abstract} />
        </p>
      </section>
    </article>
  );
}
