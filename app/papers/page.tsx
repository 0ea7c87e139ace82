import type { Metadata } from "next";
import { SearchResult } from "@/components/search/search-result";
import { Notice } from "@/components/ui/notice";
import { UpvoteButton } from "@/components/votes/upvote-button";
import { formatDay } from "@/lib/dates";
import { shareResponse } from "@/lib/page-cache/collector";
import { searchPapers } from "@/lib/search/data";
import { parseSearchQuery } from "@/lib/search/query";

export const dynamic = "force-dynamic";

const RESULTS_PER_PAGE = 20;
const MAX_PAGE = 50;

/** "1 paper", "37 papers", "1,000+ papers", "about 920,000 papers" (PostgreSQL's estimate when there are many). */
function describeCount(results: { total: number; capped: boolean; estimated: boolean }): string {
  if (results.estimated) {
    const rounded = Number(results.total.toPrecision(2));
    return `about ${rounded.toLocaleString("en-US")} papers`;
  }
  if (results.capped) return `${results.total.toLocaleString("en-US")}+ papers`;
  return `${results.total.toLocaleString("en-US")} ${results.total === 1 ? "paper" : "papers"}`;
}

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

/** Results are the same for every reader: shared (lib/page-cache) until a paper comes, goes or changes. */
export default async function SearchPage({ searchParams }: PageProps<"/papers">) {
  shareResponse();
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
          <a href="/" className="text-accent-600 underline dark:text-accent-400">
            Or browse today’s papers.
          </a>
        </Notice>
      </div>
    );
  }
  const results = await searchPapers(query.tsquery, { limit: RESULTS_PER_PAGE, offset: (page - 1) * RESULTS_PER_PAGE });
  const pages = Math.min(Math.ceil(results.total / RESULTS_PER_PAGE), MAX_PAGE);
  const pageHref = (target: number) => `/papers?q=${encodeURIComponent(q)}&page=${target}`;
  return (
    <div className="mx-auto max-w-3xl">
      {heading}
      {results.total === 0 ? (
        <Notice title="No paper matches that search">
          Try fewer or other words, or{" "}
          <a href="/" className="text-accent-600 underline dark:text-accent-400">
            browse today’s papers
          </a>
          .
        </Notice>
      ) : (
        <>
          <p className="text-sm text-zinc-500 dark:text-zinc-400" data-testid="result-count">
            {describeCount(results)}
            {pages > 1 ? ` · page ${page} of ${pages}` : ""} ·{" "}
            <a href={`/feeds/search.xml?q=${encodeURIComponent(q)}`} className="underline">
              RSS
            </a>
          </p>
          {results.partial ? (
            <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-300" data-testid="search-partial">
              This search took too long to finish, so some matches may be missing. More specific words (or fewer in quotes) search
              faster.
            </p>
          ) : null}
          <ol className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {results.hits.map((hit) => (
              <SearchResult
                key={hit.arxivId}
                arxivId={hit.arxivId}
                highlightedTitle={hit.highlightedTitle}
                highlightedAbstract={hit.highlightedAbstract}
                authorCount={hit.authors.length}
                numComments={hit.numComments}
                date={formatDay(hit.feedDay)}
                upvote={<UpvoteButton arxivId={hit.arxivId} count={hit.upvotes} />}
              />
            ))}
          </ol>
          {pages > 1 ? (
            <nav aria-label="Result pages" className="mt-6 flex justify-between text-sm">
              {page > 1 ? <a href={pageHref(page - 1)}>← Previous page</a> : <span />}
              {page < pages ? <a href={pageHref(page + 1)}>Next page →</a> : <span />}
            </nav>
          ) : null}
        </>
      )}
    </div>
  );
}
