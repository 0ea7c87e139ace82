import { notFound, permanentRedirect, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { SubscribeStrip } from "@/components/digest/subscribe-strip";
import { FeedHeader } from "@/components/papers/feed-header";
import { FeedPager } from "@/components/papers/feed-pager";
import { LoadMore } from "@/components/papers/load-more";
import { PaperCard } from "@/components/papers/paper-card";
import { PaperGrid } from "@/components/papers/paper-grid";
import { Notice } from "@/components/ui/notice";
import { UpvoteButton } from "@/components/votes/upvote-button";
import { type Day, dayPeriod, formatDay, formatPeriod, type Period, parsePeriod, periodOf } from "@/lib/dates";
import { shareResponse } from "@/lib/page-cache/collector";
import { FEED_PAGE_SIZE, getLatestFeedDay, getPeriodPage, type PaperCardData } from "@/lib/papers/data";
import { feedPagePath, periodPath } from "@/lib/papers/urls";

const KIND_LABEL = { day: "Daily", week: "Weekly", month: "Monthly" } as const;
const KIND_NOUN = { day: "day", week: "week", month: "month" } as const;
/** Page numbers in a URL: 2 to 999,999 (page 1 is the period's own address). */
const PAGE_NUMBER = /^[1-9]\d{0,5}$/;

/** A feed card for a paper; `reasons` when a For you feed says why it shows it. */
export function card(paper: PaperCardData, reasons?: ReactNode) {
  return (
    <PaperCard
      key={paper.arxivId}
      arxivId={paper.arxivId}
      title={paper.title}
      excerpt={paper.excerpt}
      authorCount={paper.authorCount}
      leadAuthors={paper.leadAuthors}
      categories={paper.categories}
      numComments={paper.numComments}
      date={formatDay(paper.feedDay)}
      upvote={<UpvoteButton arxivId={paper.arxivId} count={paper.upvotes} />}
      reasons={reasons}
    />
  );
}

export const cards = (papers: PaperCardData[]) => papers.map((paper) => card(paper));

/**
 * The feed of one day, ISO week or month (shared by /, /papers/date, /papers/week, /papers/month and
 * their /page/N): the period's papers, most upvoted first, FEED_PAGE_SIZE to a page. `periodKey` null
 * means "the latest day that has papers". A malformed key or page number, or a page past the last, is
 * a 404; a period after the latest papers redirects to the latest, as Hugging Face does for future
 * dates. The page is the same for every reader, so it is shared (lib/page-cache).
 */
export async function FeedPage({
  kind,
  periodKey,
  pageParam,
}: {
  kind: Period["kind"];
  periodKey: string | null;
  pageParam?: string;
}) {
  shareResponse();
  if (pageParam !== undefined && !PAGE_NUMBER.test(pageParam)) notFound();
  const page = pageParam === undefined ? 1 : Number(pageParam);
  let feed: Awaited<ReturnType<typeof getPeriodPage>>;
  if (periodKey === null) {
    const latest = await getLatestFeedDay();
    if (!latest) {
      return (
        <Notice title="No papers yet">
          Import some with <code>npm run db:seed</code> or <code>npm run import</code>.
        </Notice>
      );
    }
    feed = await getPeriodPage(dayPeriod(latest), page);
  } else {
    const period = parsePeriod(kind, periodKey);
    if (!period) notFound();
    if (pageParam === "1") permanentRedirect(periodPath(period));
    feed = await getPeriodPage(period, page);
    if (feed.latest && period.start > feed.latest) redirect(periodPath(periodOf(kind, feed.latest)));
  }
  if (page > feed.pageCount) notFound();
  const { period } = feed;
  // The tabs lead to the day, week and month around the period's newest day that has papers.
  const anchor: Day = feed.lastDay ?? period.start;
  const heading = formatPeriod(period);
  const neighbour = (target: Period | null, word: string) =>
    target ? { href: periodPath(target), label: `${word} ${KIND_NOUN[kind]}: ${formatPeriod(target)}` } : null;

  return (
    <>
      <SubscribeStrip />
      <FeedHeader
        heading={heading}
        subheading={`${KIND_LABEL[kind]} Papers`}
        previous={neighbour(feed.previous, "Previous")}
        next={neighbour(feed.next, "Next")}
        tabs={feedTabs(anchor, kind)}
        picker={{ kind, value: kind === "day" ? period.start : anchor, max: feed.latest }}
      />
      {feed.total === 0 ? (
        <Notice title={`No papers on ${kind === "day" ? heading : `this ${KIND_NOUN[kind]}`}`}>
          {feed.previous || feed.next ? (
            <p className="flex flex-wrap justify-center gap-4">
              {feed.previous ? (
                <a className="text-accent-600 underline dark:text-accent-400" href={periodPath(feed.previous)}>
                  ← {formatPeriod(feed.previous)}
                </a>
              ) : null}
              {feed.next ? (
                <a className="text-accent-600 underline dark:text-accent-400" href={periodPath(feed.next)}>
                  {formatPeriod(feed.next)} →
                </a>
              ) : null}
            </p>
          ) : (
            "There are no papers at all yet."
          )}
        </Notice>
      ) : (
        <>
          <p className="mb-3 text-sm text-zinc-500 dark:text-zinc-400" data-testid="feed-summary">
            {feed.total.toLocaleString("en-US")} {feed.total === 1 ? "paper" : "papers"}, most upvoted first
            {feed.pageCount > 1 ? ` · page ${page} of ${feed.pageCount}` : ""}
          </p>
          <PaperGrid>{cards(feed.papers)}</PaperGrid>
          {page < feed.pageCount ? (
            <LoadMore
              kind={kind}
              periodKey={period.key}
              nextPage={page + 1}
              nextHref={feedPagePath(period, page + 1)}
              remaining={feed.total - page * FEED_PAGE_SIZE}
            >
              <FeedPager
                page={page}
                pageCount={feed.pageCount}
                href={(target) => feedPagePath(period, target)}
                noun={KIND_NOUN[kind]}
              />
            </LoadMore>
          ) : (
            <FeedPager
              page={page}
              pageCount={feed.pageCount}
              href={(target) => feedPagePath(period, target)}
              noun={KIND_NOUN[kind]}
            />
          )}
        </>
      )}
    </>
  );
}

/** Daily / Weekly / Monthly around a day, and Trending. */
export function feedTabs(anchor: Day, current: Period["kind"] | "trending") {
  return [
    ...(["day", "week", "month"] as const).map((tab) => ({
      label: KIND_LABEL[tab],
      href: periodPath(periodOf(tab, anchor)),
      current: tab === current,
    })),
    { label: "Trending", href: "/papers/trending", current: current === "trending" },
  ];
}

export function feedTitle(kind: Period["kind"], periodKey: string, page?: string): string {
  const period = parsePeriod(kind, periodKey);
  if (!period) return "Not found";
  return `${KIND_LABEL[kind]} papers: ${formatPeriod(period)}${page && page !== "1" ? `, page ${page}` : ""}`;
}
