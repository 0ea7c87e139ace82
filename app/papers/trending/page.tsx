import type { Metadata } from "next";
import { FeedHeader } from "@/components/papers/feed-header";
import { PaperGrid } from "@/components/papers/paper-grid";
import { Notice } from "@/components/ui/notice";
import { dayFromDate, formatDay } from "@/lib/dates";
import { shareResponse } from "@/lib/page-cache/collector";
import { getTrendingPapers } from "@/lib/papers/data";
import { TRENDING_GRAVITY, TRENDING_OFFSET_HOURS, TRENDING_WINDOW_DAYS } from "@/lib/papers/trending";
import { cards, feedTabs } from "../feed-page";

export const dynamic = "force-dynamic";
const TRENDING_PAGE_SIZE = 30;
/** Scores decay by the hour: the shared copy is re-ranked at least this often even without new upvotes. */
const TRENDING_MAX_AGE_SECONDS = 5 * 60;

export const metadata: Metadata = {
  title: "Trending papers",
  alternates: { types: { "application/rss+xml": [{ url: "/feeds/trending.xml", title: "Daily Papers: trending" }] } },
};

export default async function TrendingPage() {
  shareResponse({ maxAgeSeconds: TRENDING_MAX_AGE_SECONDS });
  const trending = await getTrendingPapers({ limit: TRENDING_PAGE_SIZE });
  return (
    <>
      <FeedHeader
        heading="Trending papers"
        subheading={`As of ${formatDay(dayFromDate(trending.reference))}`}
        previous={null}
        next={null}
        tabs={feedTabs(dayFromDate(trending.reference), "trending")}
      />
      <details
        className="mb-6 rounded-xl border border-zinc-200 px-4 py-3 text-sm dark:border-zinc-800"
        data-testid="trending-explainer"
      >
        <summary className="cursor-pointer font-medium">How trending works</summary>
        <p className="mt-2 max-w-[70ch] text-zinc-600 dark:text-zinc-400">
          Papers listed in the last {TRENDING_WINDOW_DAYS} days, ranked like Hacker News ranks stories: upvotes divided by (hours
          since the paper’s day + {TRENDING_OFFSET_HOURS}) to the power {TRENDING_GRAVITY}. A new paper with a few upvotes can
          overtake an older one with more; as a paper ages it needs ever more upvotes to stay on top. The daily and weekly emails
          rank papers the same way.
        </p>
      </details>
      {trending.papers.length === 0 ? (
        <Notice title="Nothing is trending yet">No papers were listed in the last {TRENDING_WINDOW_DAYS} days.</Notice>
      ) : (
        <PaperGrid>{cards(trending.papers)}</PaperGrid>
      )}
    </>
  );
}
