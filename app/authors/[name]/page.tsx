import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { FollowButton } from "@/components/follows/follow-button";
import { FeedPager } from "@/components/papers/feed-pager";
import { PaperGrid } from "@/components/papers/paper-grid";
import { getAuthorPage } from "@/lib/authors/data";
import { parseAuthorName } from "@/lib/authors/schema";
import { decodeSegment } from "@/lib/http/request";
import { cacheTags, shareResponse, tags } from "@/lib/page-cache/collector";
import { authorPath } from "@/lib/papers/urls";
import { cards } from "../../papers/feed-page";

const PAGE_NUMBER = /^[1-9]\d{0,4}$/;

async function readParams(props: PageProps<"/authors/[name]">) {
  const name = parseAuthorName(decodeSegment((await props.params).name));
  const { page: pageParam } = await props.searchParams;
  if (!name || (pageParam !== undefined && (typeof pageParam !== "string" || !PAGE_NUMBER.test(pageParam)))) notFound();
  return { name, page: pageParam === undefined ? 1 : Number(pageParam) };
}

export async function generateMetadata(props: PageProps<"/authors/[name]">): Promise<Metadata> {
  const { name } = await readParams(props);
  return { title: `Papers by ${name}`, alternates: { canonical: authorPath(name) } };
}

/**
 * An author's papers, newest first, with their upvotes in all and a follow button; the spellings that
 * differ only by middle initials are the same author ("Ryan A. Rossi", "Ryan Rossi"). Shared by every reader.
 */
export default async function AuthorPage(props: PageProps<"/authors/[name]">) {
  shareResponse();
  const { name, page } = await readParams(props);
  const author = await getAuthorPage(name, page);
  if (author.total === 0 || page > author.pageCount) notFound();
  cacheTags(tags.search, ...author.papers.map((paper) => tags.paper(paper.arxivId)));
  return (
    <div>
      <header className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <p className="text-sm text-zinc-500 dark:text-zinc-400">Author</p>
          <h1 className="text-2xl font-bold tracking-tight break-words sm:text-3xl">{name}</h1>
          {author.spellings.length > 1 ? (
            <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-300" data-testid="author-spellings">
              Also listed as{" "}
              {author.spellings.slice(1).map((spelling, index) => (
                <span key={spelling}>
                  {index > 0 ? ", " : null}
                  {`“${spelling}”`}
                </span>
              ))}
            </p>
          ) : null}
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-300" data-testid="author-totals">
            {`${author.total.toLocaleString("en-US")} ${author.total === 1 ? "paper" : "papers"} · ${author.totalUpvotes.toLocaleString("en-US")} ${author.totalUpvotes === 1 ? "upvote" : "upvotes"}`}
          </p>
        </div>
        <FollowButton kind="author" value={name} label={name} />
      </header>
      <PaperGrid>{cards(author.papers)}</PaperGrid>
      <FeedPager
        page={author.page}
        pageCount={author.pageCount}
        href={(target) => (target <= 1 ? authorPath(name) : `${authorPath(name)}?page=${target}`)}
        noun="author's papers"
      />
    </div>
  );
}
