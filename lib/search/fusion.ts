/**
 * Reciprocal Rank Fusion (Cormack, Clarke and Büttcher, SIGIR 2009): a paper's score is the sum over
 * the ranked lists of weight / (k + rank). It needs no common scale between a lexical score and a
 * cosine, and a paper that both lists rank well comes first. k = 10 rather than the paper's 60: with
 * lists of 100, a low k lets the head of each list count (best on the relevance bench, where 10, 30
 * and 60 were tried).
 */
export const RRF_K = 10;

export interface RankedList {
  ids: readonly number[];
  weight: number;
}

export function reciprocalRankFusion(lists: readonly RankedList[], k = RRF_K): number[] {
  const scores = new Map<number, { score: number; best: number }>();
  for (const list of lists) {
    if (list.weight <= 0) continue;
    list.ids.forEach((id, index) => {
      const entry = scores.get(id) ?? { score: 0, best: Number.POSITIVE_INFINITY };
      entry.score += list.weight / (k + index + 1);
      entry.best = Math.min(entry.best, index);
      scores.set(id, entry);
    });
  }
  return [...scores].sort(([idA, a], [idB, b]) => b.score - a.score || a.best - b.best || idA - idB).map(([id]) => id);
}
