import { describe, expect, it } from "vitest";
import { heldTermRanks, holdRanks, NO_RANKS } from "@/lib/search/held-ranks";

describe("title words' ranks held in memory", () => {
  const held = holdRanks([
    { id: 7, upvotes: 90, lexemes: ["video", "generat", "diffus"], ranks: [0.61, 0.75, 0.9] },
    { id: 3, upvotes: 40, lexemes: ["languag", "model"], ranks: [0.7, 0.65] },
    { id: 5, upvotes: 40, lexemes: [], ranks: [] },
  ]);

  it("gives a paper's rank for each term, in the query's order, with its upvotes as read", () => {
    expect(heldTermRanks(held, 7, ["diffus", "video"])).toEqual({ ranks: [0.9, 0.61], upvotes: 90 });
    expect(heldTermRanks(held, 3, ["model"])).toEqual({ ranks: [0.65], upvotes: 40 });
    // No terms: nothing to rank, the paper is still held.
    expect(heldTermRanks(held, 5, [])).toEqual({ ranks: [], upvotes: 40 });
  });

  it("sends to PostgreSQL a paper not held, or one whose title lacks a term", () => {
    expect(heldTermRanks(held, 4, ["video"])).toBeNull();
    // "model" is another paper's title word, not this one's.
    expect(heldTermRanks(held, 7, ["video", "model"])).toBeNull();
    expect(heldTermRanks(held, 7, ["unknown"])).toBeNull();
    expect(heldTermRanks(NO_RANKS, 7, ["video"])).toBeNull();
  });

  it("refuses a paper whose lexemes and ranks do not pair up", () => {
    expect(() => holdRanks([{ id: 1, upvotes: 0, lexemes: ["a", "b"], ranks: [0.5] }])).toThrow(
      /paper 1 has 2 lexemes and 1 ranks/,
    );
  });
});
