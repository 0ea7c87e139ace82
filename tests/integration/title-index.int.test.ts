import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { upsertPapers } from "@/lib/papers/mutations";
import { type AnalyzedQuery, analyzeQuery, scoreCandidates } from "@/lib/search/data";
import { hearSearchChanges } from "@/lib/search/heard";
import { FIELD_WEIGHTS, heldTermRanks } from "@/lib/search/held-ranks";
import { allOf, anyOf, parseSearchQuery, type QueryWord, quoteLexeme } from "@/lib/search/query";
import { TITLE_WALK_ROWS } from "@/lib/search/title-walk";
import {
  forgetTitleIndex,
  indexedPhraseMatches,
  indexedTitleMatches,
  readTitleIndex,
  warmTitleIndex,
} from "@/lib/search/titles/data";
import { buildPaper, createPapers } from "../support/factories";
import { realPapers } from "../support/real-papers";
import { hearAsAWebProcess } from "../support/search-changes";

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

/**
 * PostgreSQL's order of the lexical list's candidates, as the scoring statement ordered them before the
 * ranks were held (lib/search/data.ts lexicalScore): the expression in ORDER BY.
 */
async function postgresOrder(
  query: AnalyzedQuery,
  weights: number[],
  candidates: number[],
  phrase: string | null = null,
): Promise<number[]> {
  const termScores = Prisma.join(
    query.terms.map(
      (term, i) =>
        Prisma.sql`${weights[i] ?? 0}::float8 * ts_rank(${FIELD_WEIGHTS}::float4[], d.doc, ${quoteLexeme(term)}::tsquery)`,
    ),
    " + ",
  );
  const titleAll = allOf(query.words);
  const bonus = 0.5 * weights.reduce((sum, weight) => sum + weight, 0);
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT d.id FROM (
      SELECT p.id, p.upvotes, p.title_vector, p.search_vector || ''::tsvector AS doc FROM papers p
      WHERE p.id = ANY(${candidates}::int[]) OFFSET 0
    ) AS d
    WHERE d.doc @@ ${phrase ? `( ${anyOf(query.terms)} ) & ( ${phrase} )` : anyOf(query.terms)}::tsquery
    ORDER BY (${termScores})
             + CASE WHEN d.title_vector @@ ${titleAll}::tsquery THEN ${bonus}::float8 ELSE 0 END
             + 0.12::float8 * ln(1 + d.upvotes) DESC,
             d.upvotes DESC, d.id DESC`;
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
    // Titles longer than the positions held (31): their phrases are checked by PostgreSQL.
    const long = "a study of the many things one can say in a title that goes on and on and on, word after word after word";
    await createPapers(
      buildPaper({ title: `${long}: large language models for reinforcement learning`, sourceUpvotes: 500 }),
      buildPaper({ title: `${long}: language large models, learning reinforcement`, sourceUpvotes: 400 }),
    );
    const index = await readTitleIndex();
    let found = 0;
    const phrases = [
      "language models",
      "reinforcement learning",
      "large language model",
      "model language",
      "chain of thought",
      "state of the art",
      "text to image",
      "vision-language model",
      "mixture of experts",
    ];
    for (const phrase of phrases) {
      // As search asks for a quoted phrase: its words, and the phrase.
      const { words, phrase: quoted } = await analyzed(`"${phrase}"`);
      if (!quoted) throw new Error(`${phrase} is not a phrase`);
      const query = `( ${allOf(words)} ) & ( ${quoted} )`;
      for (const [limit, batch] of [
        [200, 500],
        [5, 3],
        [30, 7],
      ] as const) {
        const rows = await db.$queryRaw<{ id: number }[]>`
          SELECT id FROM papers WHERE title_vector @@ ${query}::tsquery ORDER BY upvotes DESC, id DESC LIMIT ${limit}`;
        // From the positions held, and from PostgreSQL's checks alone.
        for (const positions of [true, false]) {
          const checked = await indexedPhraseMatches(db, words, quoted, query, limit, { index, batch, positions });
          expect(
            checked?.map((title) => title.id),
            `${phrase} (${limit}, ${batch} a statement, positions ${positions})`,
          ).toEqual(rows.map((r) => r.id));
        }
        found += rows.length;
      }
    }
    expect(found).toBeGreaterThan(50);
    // The long title holding "large language model" is found (by PostgreSQL), the other one is not.
    const { words, phrase: quoted } = await analyzed('"large language models"');
    const query = `( ${allOf(words)} ) & ( ${quoted} )`;
    const first = await indexedPhraseMatches(db, words, quoted ?? "", query, 2, { index });
    const [longest] = await db.$queryRaw<{ id: number }[]>`SELECT id FROM papers WHERE title LIKE ${`${long}: large%`}`;
    expect(first?.[0]?.id).toBe(longest?.id);
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

  it("asks for the papers added after the process's index only when it cannot hear, or heard of some", async () => {
    // More papers than the walk covers: the process reads its own index.
    await db.$executeRaw`
      INSERT INTO papers (arxiv_id, title, abstract, authors, published_at, feed_day, updated_at)
      SELECT 'walk.' || n, 'Generated paper ' || n, 'Nothing in particular.', '{}', now(), current_date, now()
      FROM generate_series(1, ${TITLE_WALK_ROWS}) AS n`;
    await createPapers(buildPaper({ title: "Token pruning in language models", sourceUpvotes: 30 }));
    forgetTitleIndex();
    await warmTitleIndex();
    const words = await wordsOf("token pruning");
    const matches = async () => (await indexedTitleMatches(db, words, allOf(words), 200))?.length;
    // A paper added that nobody announces (triggers off, as a replica applies it).
    const unannouncedPaper = (n: number) =>
      db.$transaction([
        db.$executeRaw`SET LOCAL session_replication_role = replica`,
        db.$executeRaw`
          INSERT INTO papers (arxiv_id, title, abstract, authors, published_at, feed_day, updated_at)
          VALUES (${`quiet.${n}`}, ${`Token pruning, take ${n}`}, 'Unannounced.', '{}', now(), current_date, now())`,
      ]);
    const changes = await hearAsAWebProcess();
    try {
      expect(await matches()).toBe(1);
      await unannouncedPaper(1);
      // None added when counted, none heard of since: the added papers are not asked for.
      expect(await matches()).toBe(1);
      // A paper added as the app adds them is announced by its trigger: from then on they are asked for.
      await createPapers(buildPaper({ title: "Pruning tokens for faster vision transformers", sourceUpvotes: 10 }));
      await expect.poll(matches).toBe(3);
    } finally {
      await changes.stop();
      hearSearchChanges(null);
    }
    // Not listening: asked for every time.
    await unannouncedPaper(2);
    expect(await matches()).toBe(4);
    forgetTitleIndex();
  });

  it("scores the papers whose title words' ranks it holds exactly as PostgreSQL does", async () => {
    await upsertPapers((await realPapers()).slice(0, 2_000));
    // Papers without ranks (none kept yet) are scored by PostgreSQL, in the same list as the others.
    await db.$executeRaw`DELETE FROM paper_title_ranks WHERE paper_id % 3 = 0`;
    const index = await readTitleIndex();
    const [papers] = await db.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM papers WHERE id % 3 <> 0`;
    expect(index.ranks.papers).toBe(papers?.count);
    let fromMemory = 0;
    let compared = 0;
    for (const text of [...QUERIES, "model", "video generation", "efficient attention for long sequences"]) {
      const query = await analyzed(text);
      // Candidates as search takes them for common words (the most upvoted titles holding every word),
      // and papers holding only some of the words.
      const some = await db.$queryRaw<{ id: number }[]>`
        SELECT id FROM papers WHERE search_vector @@ ${anyOf(query.terms)}::tsquery ORDER BY id LIMIT 100`;
      const candidates = [...new Set([...(await fromPostgres(query.words, 200)), ...some.map((row) => row.id)])];
      // Weights unlike each other, as IDFs are.
      const weights = query.terms.map((_, i) => 1.7 / (i + 1));
      const filters = { category: null, phrase: null };
      const held = await scoreCandidates(query, weights, candidates, filters, false, index.ranks);
      const unheld = await scoreCandidates(query, weights, candidates, filters, false, null);
      const expected = await postgresOrder(query, weights, candidates);
      expect(
        held?.map((row) => row.id),
        text,
      ).toEqual(expected);
      expect(
        unheld?.map((row) => row.id),
        text,
      ).toEqual(expected);
      // The same numbers, to the last bit: the held ranks are PostgreSQL's.
      expect(held?.map((row) => row.score).sort(), text).toEqual(unheld?.map((row) => row.score).sort());
      fromMemory += candidates.filter((id) => heldTermRanks(index.ranks, id, query.terms)).length;
      compared += expected.length;
    }
    // Both kinds of candidate were there.
    expect(fromMemory).toBeGreaterThan(200);
    expect(compared - fromMemory).toBeGreaterThan(200);
  });

  it("scores from held ranks only the candidates known to hold a quoted phrase", async () => {
    await upsertPapers((await realPapers()).slice(0, 2_000));
    const index = await readTitleIndex();
    let checkedHeld = 0;
    let leftOut = 0;
    for (const text of ['"language models"', '"large language model"', '"reinforcement learning"', '"video generation"']) {
      const query = await analyzed(text);
      const phrase = query.phrase;
      if (!phrase) throw new Error(`${text} is not a phrase`);
      // The titles holding the phrase (as search finds them, checked by PostgreSQL), and papers holding
      // some of its words, which scoring must check for the phrase.
      const titles = await db.$queryRaw<{ id: number }[]>`
        SELECT id FROM papers WHERE title_vector @@ ${`( ${allOf(query.words)} ) & ( ${phrase} )`}::tsquery
        ORDER BY upvotes DESC, id DESC LIMIT 200`;
      const some = await db.$queryRaw<{ id: number }[]>`
        SELECT id FROM papers WHERE title_vector @@ ${allOf(query.words)}::tsquery ORDER BY id LIMIT 150`;
      const checked = new Set(titles.map((row) => row.id));
      const candidates = [...new Set([...checked, ...some.map((row) => row.id)])];
      const weights = query.terms.map((_, i) => 0.9 + i / 3);
      const expected = await postgresOrder(query, weights, candidates, phrase);
      const filters = { category: null, phrase };
      const held = await scoreCandidates(query, weights, candidates, filters, false, index.ranks, checked);
      expect(
        held?.map((row) => row.id),
        text,
      ).toEqual(expected);
      // Titles holding every word but not the phrase (in their documents), unchecked: left out, as
      // PostgreSQL leaves them out.
      leftOut += candidates.filter(
        (id) => !checked.has(id) && heldTermRanks(index.ranks, id, query.terms) && !expected.includes(id),
      ).length;
      checkedHeld += [...checked].filter((id) => heldTermRanks(index.ranks, id, query.terms)).length;
    }
    expect(checkedHeld).toBeGreaterThan(100);
    expect(leftOut).toBeGreaterThan(0);
  });

  it("keeps every paper's title word ranks in the database as papers are added, edited and deleted", async () => {
    const papers = await createPapers(
      buildPaper({ title: "Don't stop pretraining: adapting language models", abstract: "Language models adapt to domains." }),
      buildPaper({ title: "Video generation with diffusion", abstract: "Diffusion models generate video; video diffusion." }),
      buildPaper({ title: "The of and", abstract: "Only stop words in the title." }),
    );
    const arxivIds = papers.map((paper) => paper.arxivId);
    const ids = (
      await db.$queryRaw<{ id: number }[]>`
        SELECT id FROM papers WHERE arxiv_id = ANY(${arxivIds}) ORDER BY array_position(${arxivIds}::text[], arxiv_id::text)`
    ).map((row) => row.id);
    // What the scoring statement computes (lib/search/data.ts scoreCandidates), title lexeme by title lexeme.
    const scored = async (id: number) => {
      const [row] = await db.$queryRaw<{ lexemes: string[] }[]>`
        SELECT tsvector_to_array(title_vector) AS lexemes FROM papers WHERE id = ${id}`;
      const ranks: number[] = [];
      for (const lexeme of row?.lexemes ?? []) {
        const [rank] = await db.$queryRaw<{ rank: number }[]>`
          SELECT ts_rank(${FIELD_WEIGHTS}::float4[], search_vector, ${quoteLexeme(lexeme)}::tsquery)::float8 AS rank
          FROM papers WHERE id = ${id}`;
        ranks.push(rank?.rank ?? Number.NaN);
      }
      return ranks;
    };
    const kept = async (id: number) => {
      const [row] = await db.$queryRaw<{ ranks: Uint8Array; xmin: string }[]>`
        SELECT ranks, xmin::text AS xmin FROM paper_title_ranks WHERE paper_id = ${id}`;
      if (!row) return null;
      const bytes = Buffer.from(row.ranks);
      return { ranks: Array.from({ length: bytes.length / 4 }, (_, i) => bytes.readFloatBE(i * 4)), xmin: row.xmin };
    };
    for (const id of ids) expect((await kept(id))?.ranks).toEqual(await scored(id));
    expect((await kept(ids[2] as number))?.ranks).toEqual([]);

    const [first] = ids;
    const before = await kept(first as number);
    // An upvote does not touch them; new words in the abstract do.
    await db.$executeRaw`UPDATE papers SET upvotes = upvotes + 1 WHERE id = ${first}`;
    expect(await kept(first as number)).toEqual(before);
    await db.$executeRaw`UPDATE papers SET abstract = 'Pretraining language models, pretraining again.' WHERE id = ${first}`;
    const after = await kept(first as number);
    expect(after?.ranks).toEqual(await scored(first as number));
    expect(after?.ranks).not.toEqual(before?.ranks);

    await db.$executeRaw`DELETE FROM papers WHERE id = ${first}`;
    expect(await kept(first as number)).toBeNull();
  });
});
