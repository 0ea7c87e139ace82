import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { upsertPapers } from "@/lib/papers/mutations";
import { analyzeQuery } from "@/lib/search/data";
import { allOf, parseSearchQuery, type QueryWord } from "@/lib/search/query";
import { indexedPhraseMatches, indexedTitleMatches, readTitleIndex } from "@/lib/search/titles/data";
import { buildPaper, createPapers } from "../support/factories";
import { realPapers } from "../support/real-papers";

/** A query as search reads it (lib/search/data.ts analyzeQuery: PostgreSQL's `english` configuration). */
async function analyzed(text: string) {
  const query = parseSearchQuery(text);
  if (!query.ok) throw new Error(query.message);
  return analyzeQuery(query);
}
const wordsOf = async (text: string): Promise<QueryWord[]> => (await analyzed(text)).words;

/** PostgreSQL's own answer: the titles holding every word, most upvoted first (the GIN statement). */
async function fromPostgres(words: QueryWord[], limit: number): Promise<number[]> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT id FROM papers WHERE title_vector @@ ${allOf(words)}::tsquery ORDER BY upvotes DESC, id DESC LIMIT ${limit}`;
  return rows.map((row) => row.id);
}

const QUERIES = [
  "language models",
  "diffusion",
  "large language model reasoning",
  "text-to-image generation",
  "vision-language models",
  "reinforcement learning from human feedback",
  "mixture of experts",
  "multi-agent",
  "zebra crossings",
];

describe("titles' words in memory", () => {
  it("finds the same papers, in the same order, as PostgreSQL's title index", async () => {
    await upsertPapers((await realPapers()).slice(0, 2_000));
    const index = await readTitleIndex();
    expect(index.ids.length).toBe(2_000);
    let found = 0;
    for (const text of QUERIES) {
      const words = await wordsOf(text);
      for (const limit of [200, 5]) {
        const indexed = await indexedTitleMatches(db, words, allOf(words), limit, { index });
        const expected = await fromPostgres(words, limit);
        expect(
          indexed?.map((title) => title.id),
          text,
        ).toEqual(expected);
        found += expected.length;
      }
    }
    // The queries do find titles (the comparison is not between empty lists).
    expect(found).toBeGreaterThan(100);
  });

  it("finds the titles holding a phrase as PostgreSQL does, checking the most upvoted first", async () => {
    await upsertPapers((await realPapers()).slice(0, 2_000));
    const index = await readTitleIndex();
    let found = 0;
    for (const phrase of ["language models", "reinforcement learning", "large language model", "model language"]) {
      // As search asks for a quoted phrase: its words, and the phrase.
      const { words, phrase: quoted } = await analyzed(`"${phrase}"`);
      const query = `( ${allOf(words)} ) & ( ${quoted} )`;
      for (const [limit, batch] of [
        [200, 500],
        [5, 3],
        [30, 7],
      ] as const) {
        const checked = await indexedPhraseMatches(db, words, query, limit, { index, batch });
        const rows = await db.$queryRaw<{ id: number }[]>`
          SELECT id FROM papers WHERE title_vector @@ ${query}::tsquery ORDER BY upvotes DESC, id DESC LIMIT ${limit}`;
        expect(
          checked?.map((title) => title.id),
          `${phrase} (${limit}, ${batch} a statement)`,
        ).toEqual(rows.map((r) => r.id));
        found += rows.length;
      }
    }
    expect(found).toBeGreaterThan(50);
  });

  it("finds the papers added after the index was read, in their place by upvotes", async () => {
    await createPapers(
      buildPaper({ title: "Pruning tokens for faster vision transformers", sourceUpvotes: 10 }),
      buildPaper({ title: "Token pruning in language models", sourceUpvotes: 30 }),
    );
    const index = await readTitleIndex();
    await createPapers(
      buildPaper({ title: "Token pruning, revisited", sourceUpvotes: 20 }),
      buildPaper({ title: "Something else entirely", sourceUpvotes: 90 }),
    );
    const words = await wordsOf("token pruning");
    const indexed = await indexedTitleMatches(db, words, allOf(words), 200, { index });
    expect(indexed?.map((title) => title.id)).toEqual(await fromPostgres(words, 200));
    expect(indexed).toHaveLength(3);
    const [newest] = await db.$queryRaw<
      { id: number }[]
    >`SELECT max(id) AS id FROM papers WHERE title LIKE 'Token pruning, revisited'`;
    expect(index.maxId).toBeLessThan(newest?.id ?? 0);
    expect(indexed?.[1]?.id).toBe(newest?.id);
  });
});
