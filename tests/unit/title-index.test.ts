import { describe, expect, it } from "vitest";
import { Random } from "@/lib/random";
import type { QueryWord } from "@/lib/search/query";
import { type TitleIndex, TitleIndexBuilder, type TitleRow, titleRanks } from "@/lib/search/title-index";

/** Rows as papers_upvotes_idx reads them: upvotes DESC, id DESC. */
const inIndexOrder = (rows: TitleRow[]) => [...rows].sort((a, b) => b.upvotes - a.upvotes || b.id - a.id);

function build(rows: TitleRow[], batch = 7): TitleIndex {
  const builder = new TitleIndexBuilder();
  const ordered = inIndexOrder(rows);
  for (let i = 0; i < ordered.length; i += batch) builder.add(ordered.slice(i, i + batch));
  return builder.build();
}

const word = (lexeme: string, parts: string[] = []): QueryWord => ({ lexeme, parts });
const idsOf = (index: TitleIndex, words: QueryWord[], limit = 200) =>
  titleRanks(index, words, limit).map((rank) => index.ids[rank]);

/** What PostgreSQL answers: titles holding every word (a hyphenated one whole, or all its parts), most upvoted first. */
function bruteForce(rows: TitleRow[], words: QueryWord[], limit: number): number[] {
  const holds = (row: TitleRow, lexeme: string) => row.lexemes.includes(lexeme);
  return inIndexOrder(rows)
    .filter((row) =>
      words.every(({ lexeme, parts }) => holds(row, lexeme) || (parts.length > 0 && parts.every((part) => holds(row, part)))),
    )
    .slice(0, limit)
    .map((row) => row.id);
}

describe("titles' words in memory", () => {
  const rows: TitleRow[] = [
    { id: 1, upvotes: 5, lexemes: ["token", "prune", "vision", "transform"] },
    { id: 2, upvotes: 50, lexemes: ["token", "prune", "languag", "model"] },
    { id: 3, upvotes: 50, lexemes: ["languag", "model", "hallucin"] },
    { id: 4, upvotes: 0, lexemes: ["text-to-3d", "text", "3d", "generat"] },
    { id: 5, upvotes: 9, lexemes: ["text", "3d", "generat", "survey"] },
    { id: 6, upvotes: 700, lexemes: ["3d", "generat"] },
  ];
  const index = build(rows);

  it("answers the papers holding every word, most upvoted first (ties: the newer id first)", () => {
    expect(idsOf(index, [word("token"), word("prune")])).toEqual([2, 1]);
    expect(idsOf(index, [word("languag"), word("model")])).toEqual([3, 2]);
    expect(idsOf(index, [word("model")], 1)).toEqual([3]);
    expect(idsOf(index, [word("languag"), word("absent")])).toEqual([]);
    expect(idsOf(index, [])).toEqual([]);
  });

  it("takes a hyphenated word whole or as all of its parts, as the tsquery does", () => {
    expect(idsOf(index, [word("text-to-3d", ["text", "3d"]), word("generat")])).toEqual([5, 4]);
    expect(idsOf(index, [word("text-to-3d", ["text", "3d"])])).toEqual([5, 4]);
  });

  it("keeps the highest id read, and refuses rows out of the index's order", () => {
    expect(index.maxId).toBe(6);
    expect(index.ids.length).toBe(6);
    const builder = new TitleIndexBuilder();
    builder.add([{ id: 2, upvotes: 3, lexemes: [] }]);
    expect(() => builder.add([{ id: 9, upvotes: 4, lexemes: [] }])).toThrow(/most upvoted first/);
    expect(() => builder.add([{ id: 2, upvotes: 3, lexemes: [] }])).toThrow(/most upvoted first/);
  });

  it("keeps every row past its first chunk of a million", () => {
    const builder = new TitleIndexBuilder();
    const papers = 1_100_000;
    // Most upvoted first: upvotes fall as ids do.
    for (let start = 0; start < papers; start += 100_000) {
      builder.add(
        Array.from({ length: 100_000 }, (_, i) => {
          const id = papers - (start + i);
          return { id, upvotes: id, lexemes: id % 3 === 0 ? ["three", "all"] : ["all"] };
        }),
      );
    }
    const big = builder.build();
    expect(big.ids.length).toBe(papers);
    expect([big.ids[0], big.ids[1_048_575], big.ids[1_048_576], big.ids[papers - 1]]).toEqual([
      papers,
      papers - 1_048_575,
      papers - 1_048_576,
      1,
    ]);
    expect(big.postings.get("all")?.length).toBe(papers);
    expect(big.postings.get("three")?.length).toBe(Math.floor(papers / 3));
    const threes = titleRanks(big, [word("three"), word("all")], 5_000_000).map((rank) => big.ids[rank]);
    expect(threes.length).toBe(Math.floor(papers / 3));
    expect(threes.every((id) => (id ?? 1) % 3 === 0)).toBe(true);
  });

  it("gives the same papers as reading every title, for random catalogues and queries", () => {
    const random = new Random(20_261_205);
    const vocabulary = Array.from({ length: 30 }, (_, i) => `w${i}`);
    // Some words far more common than others, as in titles.
    const draw = () => vocabulary[Math.min(vocabulary.length - 1, random.powerLaw(1.2, 3, 100))] as string;
    const catalogue: TitleRow[] = Array.from({ length: 3_000 }, (_, i) => ({
      id: i + 1,
      upvotes: random.powerLaw(1.5, 4, 5_000),
      lexemes: Array.from({ length: random.int(1, 8) }, draw),
    }));
    const built = build(catalogue, 500);
    for (let q = 0; q < 300; q++) {
      const words = Array.from({ length: random.int(1, 3) }, () =>
        random.next() < 0.2 ? word(draw(), [draw(), draw()]) : word(draw()),
      );
      const limit = random.pick([1, 5, 200, 5_000]);
      expect(idsOf(built, words, limit), JSON.stringify({ words, limit })).toEqual(bruteForce(catalogue, words, limit));
    }
  });
});
