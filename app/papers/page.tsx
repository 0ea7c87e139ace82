import type { Metadata } from "next";
import Link from "next/link";
import { SearchResult } from "@/components/search/search-result";
import { Notice } from "@/components/ui/notice";
import { UpvoteButton } from "@/components/votes/upvote-button";
import { getCurrentUser } from "@/lib/auth/session";
import { formatDay } from "@/lib/dates";
import { searchPapers } from "@/lib/search/data";
import { parseSearchQuery } from "@/lib/search/query";
import { getUpvotedArxivIds } from "@/lib/votes/data";

export const dynamic = "force-dynamic";

const RESULTS_PER_PAGE = 20;
const MAX_PAGE = 50;

function readParams(params: Record<string, string | string[] | undefined>) {
  const q = typeof params.q === "string" ? params.q : "";
  const page = Math.min(Math.max(Number.parseInt(typeof params.page === "string" ? params.page : "1", 10) || 1, 1), MAX_PAGE);
  return { q, page };
}

export async function generateMetadata({ searchParams }: PageProps<"/papers">): Promise<Metadata> {
  const { q } = readParams(await searchParams);
  const title = q.trim() ? `Search: ${q.trim().slice(0, 80)}` : "Search";
  return {
    title,
    robots: { index: false },
    alternates: q.trim()
      ? {
          types: {
            "application/rss+xml": [{ url: `/feeds/search.xml?q=${encodeURIComponent(q)}`, title: `Daily Papers: “${q}”` }],
          },
        }
      : {},
  };
}

export default async function SearchPage({ searchParams }: PageProps<"/papers">) {
  const { q, page } = readParams(await searchParams);
  const query = parseSearchQuery(q);
  const heading = (
    <h1 className="mb-4 text-2xl font-bold tracking-tight">
      {query.ok ? (
        <>
          Results for <span className="break-words">“{q.trim()}”</span>
        </>
      ) : (
        "Search papers"
      )}
    </h1>
  );
  if (!query.ok) {
    return (
      <div className="mx-auto max-w-3xl">
        {heading}
        <Notice title={query.message}>
          Search titles, authors and abstracts. Put words in quotes for a phrase: <code>"large language model"</code>.{" "}
          <Link href="/" className="text-accent-600 underline dark:text-accent-400">
            Or browse today’s papers.
          </Link>
        </Notice>
      </div>
    );
  }
  const [results, user] = await Promise.all([
    searchPapers(query.tsquery, { limit: RESULTS_PER_PAGE, offset: (page - 1) * RESULTS_PER_PAGE }),
    getCurrentUser(),
  ]);
  const upvoted = user
    ? await getUpvotedArxivIds(
        user.id,
        results.hits.map((hit) => hit.arxivId),
      )
    : new Set<string>();
  const pages = Math.ceil(results.total / RESULTS_PER_PAGE);
  const pageHref = (target: number) => `/papers?q=${encodeURIComponent(q)}&page=${target}`;
  return (
    <div className="mx-auto max-w-3xl">
      {heading}
      {results.total === 0 ? (
        <Notice title="No paper matches that search">
          Try fewer or other words, or{" "}
          <Link href="/" className="text-accent-600 underline dark:text-accent-400">
            browse today’s papers
          </Link>
          .
        </Notice>
      ) : (
        <>
          <p className="text-sm text-zinc-500 dark:text-zinc-400" data-testid="result-count">
            {results.total} {results.total === 1 ? "paper" : "papers"}
            {pages > 1 ? ` · page ${page} of ${pages}` : ""} ·{" "}
            <a href={`/feeds/search.xml?q=${encodeURIComponent(q)}`} className="underline">
              RSS
            </a>
          </p>
          <ol className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {results.hits.map((hit) => (
              <SearchResult
                key={hit.arxivId}
                arxivId={hit.arxivId}
                highlightedTitle={hit.highlightedTitle}
                highlightedAbstract={hit.highlightedAbstract}
                authorCount={hit.authors.length}
                date={formatDay(hit.feedDay)}
                upvote={
                  <UpvoteButton
                    arxivId={hit.arxivId}
                    count={hit.upvotes}
                    upvoted={upvoted.has(hit.arxivId)}
                    signedIn={user !== null}
                  />
                }
              />
            ))}
          </ol>
          {pages > 1 ? (
            <nav aria-label="Result pages" className="mt-6 flex justify-between text-sm">
              {page > 1 ? <Link href={pageHref(page - 1)}>← Previous page</Link> : <span />}
              {page < pages && page < MAX_PAGE ? <Link href={pageHref(page + 1)}>Next page →</Link> : <span />}
            </nav>
          ) : null}
        </>
      )}
    </div>
  );
}
