import { describe, expect, it } from "vitest";
import { mean, ndcg, recall, unjudged } from "../../scripts/bench/relevance/metrics";

describe("graded relevance measures", () => {
  const judged = { a: 2, b: 1, c: 0, d: 2 };

  it("nDCG is 1 for the ideal order and less for any other, with unjudged papers as not relevant", () => {
    expect(ndcg(["a", "d", "b"], judged, 10)).toBeCloseTo(1);
    expect(ndcg(["d", "a", "b", "c"], judged, 10)).toBeCloseTo(1);
    const swapped = ndcg(["b", "a", "d"], judged, 10);
    expect(swapped).toBeLessThan(1);
    expect(swapped).toBeGreaterThan(0.7);
    expect(ndcg(["x", "a", "d", "b"], judged, 10)).toBeLessThan(ndcg(["a", "d", "b", "x"], judged, 10));
    // Only the first k count: the ideal at k=1 is one grade-2 paper.
    expect(ndcg(["a", "c"], judged, 1)).toBeCloseTo(1);
    expect(ndcg(["b"], judged, 1)).toBeCloseTo(1 / 3);
    expect(ndcg(["a"], {}, 10)).toBe(0);
  });

  it("recall counts grade 1 and 2 among the first k; unjudged counts papers nobody judged", () => {
    expect(recall(["a", "c", "b"], judged, 2)).toBeCloseTo(1 / 3);
    expect(recall(["a", "b", "d"], judged, 3)).toBe(1);
    expect(unjudged(["a", "x", "y", "b"], judged, 3)).toBe(2);
    expect(mean([1, 2, 3])).toBe(2);
    expect(mean([])).toBe(0);
  });
});
