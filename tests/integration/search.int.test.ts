import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getSimilarPapers, searchPapers } from "@/lib/search/data";
import { HIGHLIGHT_END, HIGHLIGHT_START, parseSearchQuery } from "@/lib/search/query";
import { buildPaper, createPapers } from "../support/factories";

async function search(input: string, limit = 20) {
  const query = parseSearchQuery(input);
  if (!query.ok) throw new Error(query.message);
  return searchPapers(query.tsquery, { limit });
}
const titles = (page: Awaited<ReturnType<typeof search>>) => page.hits.map((hit) => hit.title);

describe("search", () => {
  it("ranks a title match above abstract matches, however often the abstract repeats the word", async () => {
    await createPapers(
      buildPaper({
        title: "Scaling laws",
        abstract: "Diffusion diffusion diffusion. We study diffusion of diffusion.",
        sourceUpvotes: 500,
      }),
      buildPaper({ title: "Diffusion transformers", abstract: "A new backbone.", sourceUpvotes: 1 }),
      buildPaper({ title: "Unrelated", abstract: "Nothing here.", sourceUpvotes: 900 }),
    );
    const page = await search("diffusion");
    expect(titles(page)).toEqual(["Diffusion transformers", "Scaling laws"]);
    expect(page.total).toBe(2);
  });

  it("finds authors, word prefixes and stems, and exact phrases", async () => {
    await createPapers(
      buildPaper({
        title: "Monotone deep Boltzmann machines",
        authors: ["Zhili Feng", "J. Zico Kolter"],
        abstract: "Mean-field inference.",
      }),
      buildPaper({ title: "Learning to learn", abstract: "A language model that is large." }),
      buildPaper({ title: "Large language models as judges", abstract: "Evaluation." }),
    );
    expect(titles(await search("kolter"))).toEqual(["Monotone deep Boltzmann machines"]);
    expect(titles(await search("boltz"))).toEqual(["Monotone deep Boltzmann machines"]);
    expect(titles(await search("learned"))).toEqual(["Learning to learn"]);
    expect(titles(await search('"large language"'))).toEqual(["Large language models as judges"]);
    expect(titles(await search("large language"))).toEqual(["Large language models as judges", "Learning to learn"]);
  });

  it("highlights the matched words with markers, not markup, and keeps the text as it was", async () => {
    await createPapers(buildPaper({ title: "Agents <b>in</b> the wild", abstract: "We evaluate web agents on 50 tasks." }));
    const [hit] = (await search("agents")).hits;
    expect(hit?.highlightedTitle).toBe(`${HIGHLIGHT_START}Agents${HIGHLIGHT_END} <b>in</b> the wild`);
    expect(hit?.highlightedAbstract).toContain(`web ${HIGHLIGHT_START}agents${HIGHLIGHT_END} on`);
  });

  it("answers stop words and non-Latin text with no results rather than an error", async () => {
    await createPapers(buildPaper({ title: "扩散模型 survey", abstract: "Chinese title." }));
    expect((await search("the of")).total).toBe(0);
    expect(titles(await search("扩散模型"))).toEqual(["扩散模型 survey"]);
    expect((await search("Überblick")).total).toBe(0);
  });

  it("pages through many title matches most upvoted first, ties newest first", async () => {
    await createPapers(
      ...Array.from({ length: 30 }, (_, n) =>
        buildPaper({ title: `Sparse attention, variant ${n}`, abstract: "Attention.", sourceUpvotes: n % 10 }),
      ),
      ...Array.from({ length: 30 }, (_, n) => buildPaper({ title: `Dense layers ${n}`, sourceUpvotes: 100 + n })),
    );
    const ranked = await db.$queryRaw<{ title: string }[]>`
      SELECT title FROM papers WHERE title LIKE 'Sparse attention%' ORDER BY upvotes DESC, id DESC`;
    const expected = ranked.map((row) => row.title);
    const query = parseSearchQuery("sparse attention");
    if (!query.ok) throw new Error(query.message);
    const first = await searchPapers(query.tsquery, { limit: 20 });
    const second = await searchPapers(query.tsquery, { limit: 20, offset: 20 });
    expect(titles(first)).toEqual(expected.slice(0, 20));
    expect(titles(second)).toEqual(expected.slice(20));
    expect(first.hits.every((hit) => hit.titleMatch)).toBe(true);
  });

  it("counts matches exactly when few papers hold the words, and says 'about' when counting would read many", async () => {
    // 60,000 papers say "commonword"; three of them also say "raresubject". (Words of a few hundred
    // kinds besides, as in real abstracts: PostgreSQL's statistics need a vocabulary to be precise.)
    await db.$executeRaw`
      INSERT INTO papers (arxiv_id, title, abstract, authors, published_at, feed_day, updated_at)
      SELECT 'count.' || n, 'Generated paper ' || n,
             'A study of commonword, topic' || (n % 211) || ' and theme' || (n * 7 % 307)
               || CASE WHEN n <= 3 THEN ' and raresubject' ELSE '' END, '{}', now(), current_date, now()
      FROM generate_series(1, 60000) AS n`;
    try {
      await db.$executeRaw`ANALYZE papers`;
      expect(await search("raresubject", 2)).toMatchObject({ total: 3, estimated: false, capped: false });
      // Three match, but GIN reads every paper with either word to find them: PostgreSQL's estimate...
      const both = await search("commonword raresubject", 2);
      expect(both).toMatchObject({ estimated: true, partial: false });
      expect(both.hits).toHaveLength(2);
      // ...unless the page is not full: then it holds the last of the matches, and their number is known.
      expect(await search("commonword raresubject", 5)).toMatchObject({ total: 3, estimated: false });
      expect((await search("commonword", 5)).total).toBeGreaterThan(10_000);
    } finally {
      await db.$executeRaw`DELETE FROM papers WHERE arxiv_id LIKE 'count.%'`;
      await db.$executeRaw`ANALYZE papers`;
    }
  });

  it("is served by the GIN index on the search document", async () => {
    await createPapers(buildPaper({ title: "Diffusion" }));
    const query = parseSearchQuery("diffusion models");
    if (!query.ok) throw new Error("query");
    const plan = await db.$transaction(async (tx) => {
      // Tiny tables are cheaper to scan; forbid that to see whether the query *can* use the index.
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return tx.$queryRaw<{ "QUERY PLAN": string }[]>`
        EXPLAIN SELECT arxiv_id FROM papers WHERE search_vector @@ to_tsquery('english', ${query.tsquery})`;
    });
    expect(plan.map((row) => row["QUERY PLAN"]).join("\n")).toMatch(/Bitmap Index Scan on papers_search_vector_idx/);
  });
});

describe("similar papers", () => {
  it("are the papers sharing the most words, never the paper itself, at most five", async () => {
    const [source] = await createPapers(
      buildPaper({ title: "Diffusion models for protein design", abstract: "Proteins with diffusion." }),
      buildPaper({ title: "Protein design with diffusion", abstract: "Diffusion for proteins, again." }),
      buildPaper({ title: "Diffusion for images", abstract: "Pictures." }),
      buildPaper({ title: "Graph neural networks", abstract: "Graphs." }),
      ...Array.from({ length: 6 }, (_, i) => buildPaper({ title: `Protein folding ${i}`, abstract: "Structure." })),
    );
    const similar = await getSimilarPapers(source?.arxivId ?? "");
    expect(similar).toHaveLength(5);
    expect(similar[0]?.title).toBe("Protein design with diffusion");
    expect(similar.map((paper) => paper.arxivId)).not.toContain(source?.arxivId);
    expect(similar.map((paper) => paper.title)).not.toContain("Graph neural networks");
  });
});
