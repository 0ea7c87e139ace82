import "server-only";
import type { Follows } from "@/lib/follows/schema";
import { getLatestPool, getReaderSignals, hasSignals, likedVectors, type Pool, type PoolPaper } from "./data";
import { type Ranked, rankForReader } from "./rank";

export const FOR_YOU_SIZE = 30;

export type ForYouFeed =
  | { kind: "cold"; pool: Pool; starters: PoolPaper[]; follows: Follows }
  | { kind: "ranked"; ranked: Ranked<PoolPaper>[]; follows: Follows };

/**
 * A reader's For you feed: the latest papers ranked for them, or, for a reader who has told us
 * nothing yet, what to start from (the pool's topics and its most upvoted papers).
 */
export async function getForYouFeed(userId: string): Promise<ForYouFeed> {
  const [pool, signals] = await Promise.all([getLatestPool(), getReaderSignals(userId)]);
  if (!hasSignals(signals)) {
    const starters = [...pool.papers].sort((a, b) => b.upvotes - a.upvotes).slice(0, 12);
    return { kind: "cold", pool, starters, follows: signals.follows };
  }
  const ranked = rankForReader({
    candidates: pool.papers,
    corpus: pool.corpus,
    liked: likedVectors(signals, pool.corpus),
    follows: signals.follows,
    limit: FOR_YOU_SIZE,
  });
  return { kind: "ranked", ranked, follows: signals.follows };
}
