/**
 * Graded relevance measures (Järvelin and Kekäläinen 2002): a judged paper has grade 0, 1 or 2; a
 * paper nobody judged counts as 0 (and is reported, so a system that finds unjudged papers is seen).
 */
export type Judgments = Readonly<Record<string, number>>;

const gain = (grade: number) => 2 ** grade - 1;
const discount = (rank: number) => 1 / Math.log2(rank + 2);

/** Normalised discounted cumulative gain of the first k: 1 when they are the best papers judged, in order. */
export function ndcg(ranked: readonly string[], judgments: Judgments, k: number): number {
  const dcg = ranked.slice(0, k).reduce((sum, id, rank) => sum + gain(judgments[id] ?? 0) * discount(rank), 0);
  const ideal = Object.values(judgments)
    .map(gain)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, value, rank) => sum + value * discount(rank), 0);
  return ideal > 0 ? dcg / ideal : 0;
}

/** The share of the relevant papers (grade 1 or 2) among the first k. */
export function recall(ranked: readonly string[], judgments: Judgments, k: number): number {
  const relevant = Object.entries(judgments).filter(([, grade]) => grade > 0);
  if (relevant.length === 0) return 0;
  const top = new Set(ranked.slice(0, k));
  return relevant.filter(([id]) => top.has(id)).length / relevant.length;
}

/** Papers among the first k that nobody judged. */
export const unjudged = (ranked: readonly string[], judgments: Judgments, k: number) =>
  ranked.slice(0, k).filter((id) => judgments[id] === undefined).length;

export const mean = (values: readonly number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
