import type { Metadata } from "next";
import { FollowButton } from "@/components/follows/follow-button";
import { FollowsPanel } from "@/components/follows/follows-panel";
import { Reasons } from "@/components/for-you/reasons";
import { PaperGrid } from "@/components/papers/paper-grid";
import { requireUser } from "@/lib/auth/session";
import { getForYouFeed } from "@/lib/for-you/feed";
import { card } from "../feed-page";

export const metadata: Metadata = { title: "For you", robots: { index: false } };
export const dynamic = "force-dynamic";

/**
 * The signed-in reader's feed: the latest papers ranked by what they upvoted, saved and follow, each
 * saying why. Nothing to go on yet: a first step instead of an empty page.
 */
export default async function ForYouPage() {
  const user = await requireUser("/papers/for-you");
  const feed = await getForYouFeed(user.id);
  if (feed.kind === "cold") {
    return (
      <div>
        <h1 className="text-2xl font-bold tracking-tight">For you</h1>
        <section aria-labelledby="start-heading" className="mt-4 rounded-2xl border border-zinc-200 p-5 dark:border-zinc-800">
          <h2 id="start-heading" className="text-lg font-semibold">
            Tell us what you like
          </h2>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-300">
            Follow a few topics, or upvote or save a few of these papers: your feed ranks the latest papers by what you pick, and
            says why. Then{" "}
            <a href="/papers/for-you" className="font-semibold text-accent-600 underline dark:text-accent-400">
              see your feed
            </a>
            .
          </p>
          {feed.pool.categories.length > 0 ? (
            <div className="mt-4">
              <h3 className="text-sm font-semibold">Topics</h3>
              <ul className="mt-2 flex flex-wrap gap-2" data-testid="topic-choices">
                {feed.pool.categories.slice(0, 16).map(({ category, papers }) => (
                  <li key={category}>
                    <FollowButton kind="category" value={category} label={`${category} (${papers})`} />
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <FollowsPanel follows={feed.follows} />
        </section>
        <h2 className="mt-8 mb-3 text-lg font-semibold">Papers to start from</h2>
        <PaperGrid>{feed.starters.map((paper) => card(paper))}</PaperGrid>
      </div>
    );
  }
  return (
    <div>
      <header className="mb-6">
        <h1 className="text-2xl font-bold tracking-tight">For you</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-300">
          The latest papers, ranked by what you upvoted, saved and follow.{" "}
          <a href="/me/saved" className="underline">
            Your reading list
          </a>
        </p>
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer font-medium text-accent-600 dark:text-accent-400">What you follow</summary>
          <FollowsPanel follows={feed.follows} />
        </details>
      </header>
      <PaperGrid>{feed.ranked.map(({ paper, reasons }) => card(paper, <Reasons reasons={reasons} />))}</PaperGrid>
    </div>
  );
}
