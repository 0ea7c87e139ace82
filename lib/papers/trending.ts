/**
 * Trending: upvotes with a time decay, as Hacker News ranks stories.
 *
 *     score = upvotes / (ageHours + TRENDING_OFFSET_HOURS) ^ TRENDING_GRAVITY
 *
 * where ageHours is the time since the paper's feed day began (UTC). A paper needs more upvotes to
 * stay on top as it ages: with gravity 1.8, a day-old paper needs about 2.5x the upvotes of one
 * listed 12 hours ago. The offset keeps brand-new papers from dividing by ~0.
 *
 * The reference time is "now", but never later than the end of the latest feed day: a catalogue that
 * stopped being fed still shows what was trending when it stopped, instead of a flat list where
 * everything is equally old.
 *
 * The digest and /papers/trending both rank with this function; the SQL in lib/papers/data.ts is the
 * same formula (an integration test keeps the two in step).
 */
export const TRENDING_GRAVITY = 1.8;
export const TRENDING_OFFSET_HOURS = 2;
/** /papers/trending considers papers listed in the last this many days before the reference time. */
export const TRENDING_WINDOW_DAYS = 7;

const MS_PER_HOUR = 3_600_000;

export function trendingScore(upvotes: number, feedDayStart: Date, reference: Date): number {
  const ageHours = Math.max(0, (reference.getTime() - feedDayStart.getTime()) / MS_PER_HOUR);
  return upvotes / (ageHours + TRENDING_OFFSET_HOURS) ** TRENDING_GRAVITY;
}

/** Sorts by trending score (highest first), ties by upvotes, then title. Does not mutate. */
export function rankByTrending<T extends { upvotes: number; feedDayStart: Date; title: string }>(
  papers: readonly T[],
  reference: Date,
): T[] {
  return papers
    .map((paper) => ({ paper, score: trendingScore(paper.upvotes, paper.feedDayStart, reference) }))
    .sort((a, b) => b.score - a.score || b.paper.upvotes - a.paper.upvotes || a.paper.title.localeCompare(b.paper.title))
    .map((entry) => entry.paper);
}
