import { describe, expect, it } from "vitest";
import { heldTermRanks } from "@/lib/search/held-ranks";
import { TitleIndexBuilder, type TitleRow } from "@/lib/search/title-index";

/** Ranks as paper_title_ranks keeps them: float4s, 4 bytes big-endian each. */
function float4Bytes(ranks: number[]): Buffer {
  const bytes = Buffer.alloc(ranks.length * 4);
  ranks.forEach((rank, i) => {
    bytes.writeFloatBE(rank, i * 4);
  });
  return bytes;
}
const held = (rows: TitleRow[]) => {
  const builder = new TitleIndexBuilder();
  builder.add(rows);
  return builder.build().ranks;
};
// ts_rank gives float4s, and they are held as such: the values here are float4s.
const f = Math.fround;

describe("title words' ranks held in memory", () => {
  const ranks = held([
    { id: 7, upvotes: 90, lexemes: ["video", "generat", "diffus"], ranks: float4Bytes([0.61, 0.75, 0.9]) },
    { id: 5, upvotes: 40, lexemes: [], ranks: float4Bytes([]) },
    { id: 3, upvotes: 40, lexemes: ["languag", "model"], ranks: float4Bytes([0.7, 0.65]) },
    { id: 2, upvotes: 10, lexemes: ["video"], ranks: null },
  ]);

  it("gives a paper's rank for each term, in the query's order, with its upvotes as read", () => {
    expect(heldTermRanks(ranks, 7, ["diffus", "video"])).toEqual({ ranks: [f(0.9), f(0.61)], upvotes: 90 });
    expect(heldTermRanks(ranks, 3, ["model"])).toEqual({ ranks: [f(0.65)], upvotes: 40 });
    // No terms: nothing to rank, the paper is still held.
    expect(heldTermRanks(ranks, 5, [])).toEqual({ ranks: [], upvotes: 40 });
    expect(ranks.papers).toBe(3);
  });

  it("sends to PostgreSQL a paper not held, one without ranks, or one whose title lacks a term", () => {
    expect(heldTermRanks(ranks, 4, ["video"])).toBeNull();
    expect(heldTermRanks(ranks, 70_000, ["video"])).toBeNull();
    expect(heldTermRanks(ranks, 2, ["video"])).toBeNull();
    // "model" is another paper's title word, not this one's.
    expect(heldTermRanks(ranks, 7, ["video", "model"])).toBeNull();
    expect(heldTermRanks(ranks, 7, ["unknown"])).toBeNull();
    expect(heldTermRanks(held([]), 7, ["video"])).toBeNull();
  });

  it("does not hold ranks that do not pair up with the title's lexemes", () => {
    const mismatched = held([
      { id: 1, upvotes: 5, lexemes: ["a", "b"], ranks: float4Bytes([0.5]) },
      { id: 2, upvotes: 0, lexemes: ["a"], ranks: float4Bytes([0.5]) },
    ]);
    expect(mismatched.papers).toBe(1);
    expect(heldTermRanks(mismatched, 1, ["a"])).toBeNull();
    expect(heldTermRanks(mismatched, 2, ["a"])).toEqual({ ranks: [0.5], upvotes: 0 });
  });

  it("finds papers by id whether ids are dense (an array) or mostly deleted (a map)", () => {
    expect(ranks.rows).toBeInstanceOf(Int32Array);
    const sparse = held([
      { id: 50_000_000, upvotes: 2, lexemes: ["a"], ranks: float4Bytes([0.5]) },
      { id: 3, upvotes: 1, lexemes: ["a"], ranks: float4Bytes([0.25]) },
    ]);
    expect(sparse.rows).toBeInstanceOf(Map);
    expect(heldTermRanks(sparse, 50_000_000, ["a"])).toEqual({ ranks: [0.5], upvotes: 2 });
    expect(heldTermRanks(sparse, 3, ["a"])).toEqual({ ranks: [0.25], upvotes: 1 });
    expect(heldTermRanks(sparse, 4, ["a"])).toBeNull();
  });
});
