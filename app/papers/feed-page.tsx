import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { SubscribeStrip } from "@/components/digest/subscribe-strip";
import { FeedHeader } from "@/components/papers/feed-header";
import { PaperCard } from "@/components/papers/paper-card";
import { DaySection, PaperGrid } from "@/components/papers/paper-grid";
import { Notice } from "@/components/ui/notice";
import { UpvoteButton } from "@/components/votes/upvote-button";
import { type CurrentUser, getCurrentUser } from "@/lib/auth/session";
import { type Day, dayPeriod, formatDay, formatDayLong, formatPeriod, type Period, parsePeriod, periodOf } from "@/lib/dates";
import { getSubscriptionForUser, getUserEmailVerified } from "@/lib/digest/data";
import { getLatestFeedDay, getPeriodFeed, type PaperCardData } from "@/lib/papers/data";
import { periodPath } from "@/lib/papers/urls";
import { getUpvotedArxivIds } from "@/lib/votes/data";

const KIND_LABEL = { day: "Daily", week: "Weekly", month: "Monthly" } as const;
const KIND_NOUN = { day: "day", week: "week", month: "month" } as const;

export interface Viewer {
  signedIn: boolean;
  upvoted: Set<string>;
}

/** Who is looking, and which of these papers they upvoted (one query for the whole page). */
export async function viewerOf(arxivIds: string[]): Promise<Viewer> {
  const user = await getCurrentUser();
  return { signedIn: user !== null, upvoted: user ? await getUpvotedArxivIds(user.id, arxivIds) : new Set() };
}

export function cards(papers: PaperCardData[], viewer: Viewer) {
  return papers.map((paper) => (
    <PaperCard
      key={paper.arxivId}
      arxivId={paper.arxivId}
      title={paper.title}
      excerpt={paper.excerpt}
      authorCount={paper.authorCount}
      date={formatDay(paper.feedDay)}
      upvote={
        <UpvoteButton
          arxivId={paper.arxivId}
          count={paper.upvotes}
          upvoted={viewer.upvoted.has(paper.arxivId)}
          signedIn={viewer.signedIn}
        />
      }
    />
  ));
}

async function subscribeStrip(user: CurrentUser | null) {
  if (!user) return <SubscribeStrip verifiedEmail={null} subscription={null} />;
  const [account, subscription] = await Promise.all([getUserEmailVerified(user.id), getSubscriptionForUser(user)]);
  return (
    <SubscribeStrip
      verifiedEmail={account?.verified ? account.email : null}
      subscription={
        subscription ? { status: subscription.status, preferencesHref: `/digest/preferences/${subscription.token}` } : null
      }
    />
  );
}

/**
 * The feed of one day, ISO week or month (shared by /, /papers/date, /papers/week, /papers/month).
 * `key` null means "the latest day that has papers". A malformed key is a 404; a period after the
 * latest papers redirects to the latest, as Hugging Face does for future dates.
 */
export async function FeedPage({ kind, periodKey }: { kind: Period["kind"]; periodKey: string | null }) {
  const latest = await getLatestFeedDay();
  let period: Period;
  if (periodKey === null) {
    if (!latest) {
      return (
        <Notice title="No papers yet">
          Import some with <code>npm run db:seed</code> or <code>npm run import</code>.
        </Notice>
      );
    }
    period = dayPeriod(latest);
  } else {
    const parsed = parsePeriod(kind, periodKey);
    if (!parsed) notFound();
    period = parsed;
    if (latest && period.start > latest) redirect(periodPath(periodOf(kind, latest)));
  }

  const [feed, user] = await Promise.all([getPeriodFeed(period), getCurrentUser()]);
  const viewer = await viewerOf(feed.days.flatMap((group) => group.papers.map((paper) => paper.arxivId)));
  const anchor: Day = feed.days[0]?.day ?? period.start;
  const heading = formatPeriod(period);
  const neighbour = (target: Period | null, word: string) =>
    target ? { href: periodPath(target), label: `${word} ${KIND_NOUN[kind]}: ${formatPeriod(target)}` } : null;

  return (
    <>
      {await subscribeStrip(user)}
      <FeedHeader
        heading={heading}
        subheading={`${KIND_LABEL[kind]} Papers`}
        previous={neighbour(feed.previous, "Previous")}
        next={neighbour(feed.next, "Next")}
        tabs={feedTabs(anchor, kind)}
      />
      {feed.days.length === 0 ? (
        <Notice title={`No papers on ${kind === "day" ? heading : `this ${KIND_NOUN[kind]}`}`}>
          {feed.previous || feed.next ? (
            <p className="flex flex-wrap justify-center gap-4">
              {feed.previous ? (
                <Link className="text-accent-600 underline dark:text-accent-400" href={periodPath(feed.previous)}>
                  ← {formatPeriod(feed.previous)}
                </Link>
              ) : null}
              {feed.next ? (
                <Link className="text-accent-600 underline dark:text-accent-400" href={periodPath(feed.next)}>
                  {formatPeriod(feed.next)} →
                </Link>
              ) : null}
            </p>
          ) : (
            "There are no papers at all yet."
          )}
        </Notice>
      ) : kind === "day" ? (
        <PaperGrid>{cards(feed.days[0]?.papers ?? [], viewer)}</PaperGrid>
      ) : (
        feed.days.map((group) => (
          <DaySection key={group.day} heading={formatDayLong(group.day)} count={group.papers.length}>
            <PaperGrid>{cards(group.papers, viewer)}</PaperGrid>
          </DaySection>
        ))
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

export function feedTitle(kind: Period["kind"], periodKey: string): string {
  const period = parsePeriod(kind, periodKey);
  return period ? `${KIND_LABEL[kind]} papers: ${formatPeriod(period)}` : "Not found";
}
