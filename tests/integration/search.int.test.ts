import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { INVALIDATION_CHANNEL } from "@/lib/page-cache/invalidation";
import { upsertPapers } from "@/lib/papers/mutations";
import { forgetLexemeStatistics, getSimilarPapers, MAX_RESULTS, type SearchOptions, searchPapers } from "@/lib/search/data";
import { hearSearchChanges } from "@/lib/search/heard";
import { HIGHLIGHT_END, HIGHLIGHT_START, parseSearchQuery } from "@/lib/search/query";
import {
  type ActiveIndex,
  forgetLists,
  getActiveIndex,
  readVectorsOf,
  searchWarmth,
  warmSearch,
} from "@/lib/search/vectors/data";
import { embedMissing, ensureModel } from "@/lib/search/vectors/embed";
import { buildPaper, createPapers } from "../support/factories";
import { realPapers } from "../support/real-papers";
import { hearAsAWebProcess } from "../support/search-changes";

async function search(input: string, options: Partial<SearchOptions> = {}) {
  const query = parseSearchQuery(input);
  if (!query.ok) throw new Error(query.message);
  return searchPapers(query, { limit: 20, ...options });
}
const titles = (page: Awaited<ReturnType<typeof search>>) => page.hits.map((hit) => hit.title);

/**
 * Papers among 200 others on nothing in particular, and PostgreSQL's statistics of them read (as
 * autovacuum keeps them): how rare a word is weighs in the ranking, and three papers say little.
 */
async function catalogue(...papers: Parameters<typeof createPapers>) {
  const created = await createPapers(
    ...papers,
    ...Array.from({ length: 200 }, (_, n) =>
      buildPaper({ title: `Filler ${n}`, abstract: `Unremarkable text ${n % 17}.`, sourceUpvotes: n % 50 }),
    ),
  );
  await db.$executeRaw`ANALYZE papers`;
  forgetLexemeStatistics();
  return created;
}

/** The shipped model installed and every paper's vector computed, as the seed and the worker do. */
async function embedPapers() {
  await ensureModel();
  return embedMissing();
}

describe("lexical search", () => {
  it("ranks a title match above abstract matches, however often the abstract repeats the word", async () => {
    await catalogue(
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

  it("ranks papers with more of the query's words first, instead of dropping those missing one", async () => {
    await catalogue(
      buildPaper({ title: "Routing tokens in a mixture of experts", abstract: "Load balancing.", sourceUpvotes: 0 }),
      buildPaper({ title: "Mixture of experts at scale", abstract: "Sparse models.", sourceUpvotes: 300 }),
      buildPaper({ title: "Packet routing", abstract: "Networks.", sourceUpvotes: 900 }),
      buildPaper({ title: "Protein folding", abstract: "Structures.", sourceUpvotes: 900 }),
    );
    const page = await search("mixture of experts routing");
    expect(titles(page)).toEqual(["Routing tokens in a mixture of experts", "Mixture of experts at scale", "Packet routing"]);
  });

  it("finds authors, stems and exact phrases, and the start of a word when nothing holds it whole", async () => {
    await catalogue(
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

  it("says a query of common words has nothing to search for, and reads non-Latin text", async () => {
    await createPapers(buildPaper({ title: "扩散模型 survey", abstract: "Chinese title." }));
    expect(await search("the of")).toMatchObject({ total: 0, onlyCommonWords: true });
    expect(titles(await search("扩散模型"))).toEqual(["扩散模型 survey"]);
    expect(await search("Überblick")).toMatchObject({ total: 0, onlyCommonWords: false });
  });

  it("pages through the results: each page continues the last, no paper twice, at most MAX_RESULTS", async () => {
    await createPapers(
      ...Array.from({ length: 130 }, (_, n) =>
        buildPaper({ title: `Sparse attention, variant ${n}`, abstract: "Attention.", sourceUpvotes: n % 10 }),
      ),
      ...Array.from({ length: 30 }, (_, n) => buildPaper({ title: `Dense layers ${n}`, sourceUpvotes: 100 + n })),
    );
    const all = await search("sparse attention", { limit: MAX_RESULTS });
    expect(all).toMatchObject({ total: MAX_RESULTS, capped: true, partial: false });
    const pages = await Promise.all([0, 20, 40, 60, 80].map((offset) => search("sparse attention", { offset })));
    const paged = pages.flatMap((page) => page.hits.map((hit) => hit.arxivId));
    expect(paged).toEqual(all.hits.map((hit) => hit.arxivId));
    expect(new Set(paged).size).toBe(MAX_RESULTS);
    expect(titles(all).every((title) => title.startsWith("Sparse attention"))).toBe(true);
  });

  it("finds the papers with a rare word among 60,000 with a common one, without being cut off", async () => {
    // 60,000 papers say "commonword"; three of them also say "raresubject". (Words of a few hundred
    // kinds besides, as in real abstracts: PostgreSQL's statistics need a vocabulary to be precise.)
    forgetLexemeStatistics();
    await db.$executeRaw`
      INSERT INTO papers (arxiv_id, title, abstract, authors, published_at, feed_day, updated_at)
      SELECT 'count.' || n, 'Generated paper ' || n,
             'A study of commonword, topic' || (n % 211) || ' and theme' || (n * 7 % 307)
               || CASE WHEN n <= 3 THEN ' and raresubject' ELSE '' END, '{}', now(), current_date, now()
      FROM generate_series(1, 60000) AS n`;
    try {
      await db.$executeRaw`ANALYZE papers`;
      forgetLexemeStatistics();
      const rare = await search("commonword raresubject", { limit: 5 });
      expect(rare.partial).toBe(false);
      expect(titles(rare).slice(0, 3).sort()).toEqual(["Generated paper 1", "Generated paper 2", "Generated paper 3"]);
      expect(await search("commonword")).toMatchObject({ total: MAX_RESULTS, capped: true, partial: false });
    } finally {
      await db.$executeRaw`DELETE FROM papers WHERE arxiv_id LIKE 'count.%'`;
      await db.$executeRaw`ANALYZE papers`;
      forgetLexemeStatistics();
    }
  });
});

describe("semantic search", () => {
  /** Real papers: every one whose title says "unlearning" or "distillation", and 300 others. */
  async function realCatalogue() {
    const papers = await realPapers();
    const topical = papers.filter((paper) => /unlearning|distillation/i.test(paper.title));
    const others = papers.filter((paper) => !/unlearn|forget|prun|compress|quantiz|distill/i.test(paper.title + paper.abstract));
    await upsertPapers([...topical, ...others.slice(0, 300)]);
    return topical;
  }

  it("finds papers described in other words than theirs", async () => {
    await realCatalogue();
    expect((await embedPapers()).embedded).toBeGreaterThan(300);
    // No paper says "forget specific training data": the model knows what unlearning is about.
    const unlearning = await search("making a model forget specific training data");
    expect(
      titles(unlearning)
        .slice(0, 5)
        .filter((title) => /unlearning/i.test(title)).length,
    ).toBeGreaterThanOrEqual(4);
    const distillation = await search("teaching a small model with a large one");
    expect(
      titles(distillation)
        .slice(0, 5)
        .filter((title) => /distill/i.test(title)).length,
    ).toBeGreaterThanOrEqual(3);
    // Without vectors, the same words find what shares them, not the topic.
    const lexical = await search("making a model forget specific training data", { mode: "lexical" });
    expect(
      titles(lexical)
        .slice(0, 5)
        .filter((title) => /unlearning/i.test(title)).length,
    ).toBeLessThan(4);
  });

  it("restricts both lists to a category and to a quoted phrase", async () => {
    await createPapers(
      buildPaper({ title: "Diffusion models for images", abstract: "Image generation with diffusion.", categories: ["cs.CV"] }),
      buildPaper({ title: "Diffusion language models", abstract: "Text generation with diffusion.", categories: ["cs.CL"] }),
      buildPaper({ title: "Denoising generative models", abstract: "Score-based image synthesis.", categories: ["cs.LG"] }),
    );
    await embedPapers();
    expect(titles(await search("image generation", { category: "cs.CL" }))).toEqual(["Diffusion language models"]);
    expect(titles(await search('"text generation"'))).toEqual(["Diffusion language models"]);
    expect(titles(await search("image generation", { mode: "semantic" }))).toHaveLength(3);
  });

  it("keeps a paper's vector current: new words drop the old vector, the worker's pass finds the new ones", async () => {
    const [changing] = await createPapers(
      buildPaper({ title: "Protein structure prediction", abstract: "We predict the folds of proteins from sequences." }),
      buildPaper({ title: "Graph neural networks for molecules", abstract: "Message passing on molecular graphs." }),
      buildPaper({ title: "Speech recognition in noise", abstract: "Robust acoustic models for speech." }),
    );
    await embedPapers();
    const music = "generating music from text descriptions";
    expect(titles(await search(music, { mode: "semantic" }))[0]).not.toBe("Protein structure prediction");
    await upsertPapers([
      {
        ...(changing as NonNullable<typeof changing>),
        abstract: "We generate songs and melodies from text prompts with a music language model.",
      },
    ]);
    const [{ vectors } = { vectors: -1 }] = await db.$queryRaw<{ vectors: number }[]>`
      SELECT count(*)::int AS vectors FROM paper_vectors v JOIN papers p ON p.id = v.paper_id WHERE p.arxiv_id = ${changing?.arxivId}`;
    expect(vectors).toBe(0);
    expect(await embedPapers()).toMatchObject({ embedded: 1 });
    // This process had read the paper's list before: it must not answer from its old copy.
    expect(titles(await search(music, { mode: "semantic" }))[0]).toBe("Protein structure prediction");
  });

  it("reads the index when a process starts, saying so meanwhile, and searches from what it read", async () => {
    await createPapers(
      buildPaper({ title: "Protein structure prediction", abstract: "We predict the folds of proteins from sequences." }),
      buildPaper({ title: "Speech recognition in noise", abstract: "Robust acoustic models for speech." }),
    );
    await embedPapers();
    forgetLists();
    const warming = warmSearch();
    expect(searchWarmth()).toBe("loading");
    await warming;
    expect(searchWarmth()).toBe("ready");
    expect(titles(await search("folding proteins", { mode: "semantic" }))[0]).toBe("Protein structure prediction");
  });
});

describe("IVF lists held by a process", () => {
  it("are asked after only when the process has heard of a change, or cannot hear", async () => {
    const [protein] = await createPapers(
      buildPaper({ title: "Protein structure prediction", abstract: "We predict the folds of proteins from sequences." }),
      buildPaper({ title: "Speech recognition in noise", abstract: "Robust acoustic models for speech." }),
    );
    await embedPapers();
    const nearest = async () => titles(await search("folding proteins", { mode: "semantic" }))[0];
    const stored = () => db.$queryRaw<{ id: number; vector: Uint8Array }[]>`
      SELECT v.paper_id AS id, v.vector FROM paper_vectors v JOIN papers p ON p.id = v.paper_id
      WHERE p.arxiv_id = ${protein?.arxivId}`;
    const [{ id: proteinId, vector } = { id: -1, vector: new Uint8Array(0) }] = await stored();
    const vectorsOf = async () => readVectorsOf((await getActiveIndex()) as ActiveIndex, [proteinId]);
    // A write to the lists that nobody announces (triggers off, as a replica applies it) and that
    // gives every list a new version: a process that asks reads the lists again and sees it.
    const unannouncedWrite = () =>
      db.$transaction([
        db.$executeRaw`SET LOCAL session_replication_role = replica`,
        db.$executeRaw`DELETE FROM paper_vectors v USING papers p WHERE p.id = v.paper_id AND p.arxiv_id = ${protein?.arxivId}`,
        db.$executeRaw`UPDATE vector_lists SET version = nextval('vector_lists_version_seq')`,
      ]);
    const changes = await hearAsAWebProcess();
    try {
      expect(await nearest()).toBe("Protein structure prediction");
      expect(await vectorsOf()).toEqual([vector]);
      await unannouncedWrite();
      // Heard of nothing: the lists it holds are taken as current, without a statement, and a
      // paper's vector is taken from them (relevance feedback reads three a search).
      expect(await nearest()).toBe("Protein structure prediction");
      expect(await vectorsOf()).toEqual([vector]);
      // Announced (as the vector triggers do): the next search asks, and reads the list again.
      await db.$executeRaw`SELECT pg_notify(${INVALIDATION_CHANNEL}, '{"tags":["search"]}')`;
      await expect.poll(nearest).toBe("Speech recognition in noise");
      expect(await vectorsOf()).toEqual([]);
      // A real write is announced by its trigger: the paper's new vector is found at once it is heard.
      await embedPapers();
      await expect.poll(nearest).toBe("Protein structure prediction");
    } finally {
      await changes.stop();
    }
    // Not listening any more: every search asks again.
    await unannouncedWrite();
    expect(await nearest()).toBe("Speech recognition in noise");
    hearSearchChanges(null);
  });
});

describe("similar papers", () => {
  it("are the papers nearest in meaning, never the paper itself, at most five", async () => {
    const [source] = await createPapers(
      buildPaper({ title: "Diffusion models for protein design", abstract: "Designing proteins with diffusion models." }),
      buildPaper({ title: "Protein design with diffusion", abstract: "Diffusion for protein backbones, again." }),
      buildPaper({ title: "Diffusion for images", abstract: "Pictures from noise." }),
      buildPaper({ title: "Stock market forecasting", abstract: "Predicting prices of shares." }),
      ...Array.from({ length: 6 }, (_, i) => buildPaper({ title: `Protein folding ${i}`, abstract: "Protein structure." })),
    );
    await embedPapers();
    const similar = await getSimilarPapers(source?.arxivId ?? "");
    expect(similar).toHaveLength(5);
    expect(similar[0]?.title).toBe("Protein design with diffusion");
    expect(similar.map((paper) => paper.arxivId)).not.toContain(source?.arxivId);
    expect(similar.map((paper) => paper.title)).not.toContain("Stock market forecasting");
  });

  it("are found for a paper whose vector is not computed yet, from its words", async () => {
    await createPapers(
      buildPaper({ title: "Speech recognition with transformers", abstract: "Transcribing audio." }),
      buildPaper({ title: "Protein folding", abstract: "Structures of proteins." }),
    );
    await embedPapers();
    const [fresh] = await createPapers(buildPaper({ title: "Automatic speech recognition", abstract: "Audio to text." }));
    const similar = await getSimilarPapers(fresh?.arxivId ?? "");
    expect(similar.map((paper) => paper.title)).toEqual(["Speech recognition with transformers", "Protein folding"]);
  });

  it("are none before any vector exists", async () => {
    const [source] = await createPapers(buildPaper({ title: "A lone paper" }));
    expect(await getSimilarPapers(source?.arxivId ?? "")).toEqual([]);
  });
});
