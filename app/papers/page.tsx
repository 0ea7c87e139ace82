import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { FollowButton } from "@/components/follows/follow-button";
import { PaperGrid } from "@/components/papers/paper-grid";
import { SearchResults } from "@/components/search/search-results";
import { Notice } from "@/components/ui/notice";
import { formatDay } from "@/lib/dates";
import { shareResponse } from "@/lib/page-cache/collector";
import { CARD_AUTHORS, CATEGORY_MAX_PAGES, getCategoryPage } from "@/lib/papers/data";
import { parseCategory } from "@/lib/papers/schema";
import { categoryPath } from "@/lib/papers/urls";
import { MAX_RESULTS, searchPapers } from "@/lib/search/data";
import { parseSearchQuery } from "@/lib/search/query";
import { cards } from "./feed-page";

export const dynamic = "force-dynamic";

const RESULTS_PER_PAGE = 20;
const MAX_PAGE = Math.ceil(MAX_RESULTS / RESULTS_PER_PAGE);

/** "1 paper", "37 papers", "the 100 most relevant papers" (a search answers with MAX_RESULTS at most). */
function describeCount(results: { total: number; capped: boolean }): string {
  if (results.capped) return `the ${results.total.toLocaleString("en-US")} most relevant papers`;
  return `${results.total.toLocaleString("en-US")} ${results.total === 1 ? "paper" : "papers"}, most relevant first`;
}

function readParams(params: Record<string, string | string[] | undefined>) {
  const q = typeof params.q === "string" ? params.q : "";
  const page = Math.min(Math.max(Number.parseInt(typeof params.page === "string" ? params.page : "1", 10) || 1, 1), MAX_PAGE);
  const category = typeof params.category === "string" ? parseCategory(params.category) : null;
  return { q, page, category, badCategory: params.category !== undefined && category === null };
}

/** /papers?category=cs.CL: the category's papers, newest first, with a follow button. */
async function CategoryFeed({ category, page }: { category: string; page: number }) {
  if (page > CATEGORY_MAX_PAGES) notFound();
  const { papers, total, estimated } = await getCategoryPage(category, {
    limit: CATEGORY_PAGE_SIZE,
    offset: (page - 1) * CATEGORY_PAGE_SIZE,
  });
  if (page > 1 && papers.length === 0) notFound();
  const pages = Math.min(Math.ceil(total / CATEGORY_PAGE_SIZE), CATEGORY_MAX_PAGES);
  const pageHref = (target: number) => (target <= 1 ? categoryPath(category) : `${categoryPath(category)}&page=${target}`);
  return (
    <div>
      <header className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm text-zinc-500 dark:text-zinc-400">arXiv category</p>
          <h1 className="font-mono text-2xl font-bold tracking-tight">{category}</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-300" data-testid="result-count">
            {`${estimated ? `about ${Number(total.toPrecision(2)).toLocaleString("en-US")}` : total.toLocaleString("en-US")} ${total === 1 ? "paper" : "papers"}, newest first`}
          </p>
        </div>
        <FollowButton kind="category" value={category} label={category} />
      </header>
      {papers.length === 0 ? (
        <Notice title={`No paper in ${category} yet`}>
          Categories come with papers imported from arXiv (<code>npm run import -- --arxiv</code> adds them to papers from Hugging
          Face lists).
        </Notice>
      ) : (
        <PaperGrid>{cards(papers)}</PaperGrid>
      )}
      {pages > 1 ? (
        <nav aria-label="Result pages" className="mt-6 flex justify-between text-sm">
          {page > 1 ? <a href={pageHref(page - 1)}>← Newer</a> : <span />}
          {page < pages ? <a href={pageHref(page + 1)}>Older →</a> : <span />}
        </nav>
      ) : null}
    </div>
  );
}

const CATEGORY_PAGE_SIZE = 30;

export async function generateMetadata({ searchParams }: PageProps<"/papers">): Promise<Metadata> {
  const { q, category } = readParams(await searchParams);
  const title = q.trim() ? `Search: ${q.trim().slice(0, 80)}` : category ? `Papers in ${category}` : "Search";
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
  const { q, page, category, badCategory } = readParams(await searchParams);
  if (badCategory) notFound();
  if (category && !q.trim()) return <CategoryFeed category={category} page={page} />;
  const query = parseSearchQuery(q);
  const heading = (
    <h1 className="mb-4 text-2xl font-bold tracking-tight">
      {query.ok ? (
        <>
          Results for <span className="break-words">“{q.trim()}”</span>
          {category ? <span className="font-mono"> in {category}</span> : null}
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
  const results = await searchPapers(query, {
    limit: RESULTS_PER_PAGE,
    offset: (page - 1) * RESULTS_PER_PAGE,
    category,
  });
  const pages = Math.min(Math.ceil(results.total / RESULTS_PER_PAGE), MAX_PAGE);
  const inCategory = category ? `&category=${encodeURIComponent(category)}` : "";
  const pageHref = (target: number) => `/papers?q=${encodeURIComponent(q)}${inCategory}&page=${target}`;
  return (
    <div className="mx-auto max-w-3xl">
      {heading}
      {results.onlyCommonWords ? (
        <Notice title={`“${q.trim()}” is only common words`}>
          Say what it is about: <code>how to compress neural networks</code>, <code>reward hacking</code>, an author’s name.{" "}
          <a href="/" className="text-accent-600 underline dark:text-accent-400">
            Or browse today’s papers.
          </a>
        </Notice>
      ) : results.total === 0 ? (
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
          <SearchResults
            results={results.hits.map((hit) => ({
              arxivId: hit.arxivId,
              highlightedTitle: hit.highlightedTitle,
              highlightedAbstract: hit.highlightedAbstract,
              authorCount: hit.authors.length,
              leadAuthors: hit.authors.slice(0, CARD_AUTHORS),
              numComments: hit.numComments,
              category: hit.categories[0],
              date: formatDay(hit.feedDay),
              upvotes: hit.upvotes,
            }))}
          />
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
