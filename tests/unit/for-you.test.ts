import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildCorpus, tokenize, vectorize } from "@/lib/for-you/model";
import { type Candidate, describeReason, type LikedPaper, rankForReader } from "@/lib/for-you/rank";

/** Real papers: the April 2026 Hugging Face lists the app seeds itself with. */
const items = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, "../../prisma/seed/hf-daily-papers-2026-04.json"), "utf8"),
) as {
  paper: { id: string; title: string; summary: string; authors: { name: string }[]; upvotes?: number };
}[];
const unique = [...new Map(items.map((item) => [item.paper.id, item.paper])).values()];
const tokens = unique.map((paper) => tokenize(`${paper.title} ${paper.title} ${paper.summary}`));
const corpus = buildCorpus(tokens);
const candidates: Candidate[] = unique.map((paper, index) => ({
  arxivId: paper.id,
  title: paper.title,
  abstract: paper.summary,
  authors: paper.authors.map((author) => author.name),
  categories: [],
  upvotes: paper.upvotes ?? 0,
  vector: vectorize(tokens[index] ?? [], corpus),
}));
const noFollows = { authors: [], categories: [], keywords: [] };
const liked = (papers: Candidate[], how: LikedPaper["how"] = "upvoted"): LikedPaper[] =>
  papers.map((paper) => ({ arxivId: paper.arxivId, title: paper.title, how, vector: paper.vector }));

/** Precision of the top `k` for a topic, against the topic's share of what was ranked. */
function heldOut(topic: RegExp, trainShare: number, k: number) {
  const onTopic = candidates.filter((paper) => topic.test(paper.title));
  const train = onTopic.filter((_, index) => index % Math.round(1 / trainShare) === 0);
  const trained = new Set(train.map((paper) => paper.arxivId));
  const heldOutIds = new Set(onTopic.filter((paper) => !trained.has(paper.arxivId)).map((paper) => paper.arxivId));
  const ranked = rankForReader({ candidates, corpus, liked: liked(train), follows: noFollows, limit: k });
  const hits = ranked.filter((entry) => heldOutIds.has(entry.paper.arxivId)).length;
  return { precision: hits / k, baseRate: heldOutIds.size / (candidates.length - train.length), ranked, train };
}

describe("For you ranking", () => {
  it("puts a held-out reader's topic first: upvotes about video generation bring the other video papers up", () => {
    const { precision, baseRate, ranked } = heldOut(/\bvideo/i, 1 / 3, 10);
    expect(baseRate).toBeLessThan(0.1);
    expect(precision).toBeGreaterThanOrEqual(0.7); // ten times the topic's share of the papers
    expect(ranked.some((entry) => entry.reasons.some((reason) => reason.kind === "similar"))).toBe(true);
  });

  it("does the same for another topic, and leaves out what the reader already upvoted", () => {
    const { precision, baseRate, ranked, train } = heldOut(/agent/i, 1 / 3, 10);
    expect(precision).toBeGreaterThanOrEqual(Math.min(0.9, baseRate * 4));
    const trainIds = new Set(train.map((paper) => paper.arxivId));
    expect(ranked.every((entry) => !trainIds.has(entry.paper.arxivId))).toBe(true);
  });

  it("ranks by the words of a topic, not its title alone: upvoted diffusion papers bring papers about diffusion", () => {
    const { ranked } = heldOut(/diffusion/i, 1 / 3, 10);
    const share = candidates.filter((paper) => /diffusion/i.test(`${paper.title} ${paper.abstract}`)).length / candidates.length;
    const about = ranked.filter((entry) => /diffusion/i.test(`${entry.paper.title} ${entry.paper.abstract}`)).length / 10;
    expect(share).toBeLessThan(0.2);
    expect(about).toBeGreaterThanOrEqual(0.7);
  });

  it("says why: the closest upvoted paper, a followed author, category and keyword", () => {
    const [first, second, third] = candidates.filter((paper) => /\bvideo/i.test(paper.title));
    if (!first || !second || !third) throw new Error("fixture has too few video papers");
    const author = candidates[100]?.authors[0] ?? "";
    const withCategory = { ...candidates[200], categories: ["cs.RO"] } as Candidate;
    const pool = candidates.map((paper) => (paper.arxivId === withCategory.arxivId ? withCategory : paper));
    const ranked = rankForReader({
      candidates: pool,
      corpus,
      liked: liked([first], "saved"),
      follows: { authors: [author], categories: ["cs.RO"], keywords: ["mixture-of-experts"] },
      limit: pool.length,
    });
    const reasonsOf = (arxivId: string) =>
      ranked.find((entry) => entry.paper.arxivId === arxivId)?.reasons.map(describeReason) ?? [];
    const byAuthor = candidates.filter((paper) => paper.authors.includes(author));
    for (const paper of byAuthor) expect(reasonsOf(paper.arxivId)).toContain(`You follow ${author}`);
    expect(reasonsOf(withCategory.arxivId)).toContain("In cs.RO, which you follow");
    const keywordPaper = candidates.find((paper) => /mixture-of-experts/i.test(`${paper.title} ${paper.abstract}`));
    if (keywordPaper) expect(reasonsOf(keywordPaper.arxivId)).toContain("Matches “mixture-of-experts”");
    // The most similar paper to the one saved names it.
    const similar = ranked.find((entry) => entry.reasons.some((reason) => reason.kind === "similar"));
    expect(similar?.reasons.map(describeReason)).toContain(`Because you saved “${first.title}”`);
    // Followed authors' papers outrank a reader's weak similarities: the top of the feed is theirs or the topic's.
    expect(ranked.slice(0, byAuthor.length).every((entry) => entry.reasons.length > 0)).toBe(true);
    // A paper with no signal at all gets no reason.
    expect(ranked.at(-1)?.reasons).toEqual([]);
  });

  it("tokenizes words, drops stop words and folds plurals", () => {
    expect(tokenize("The Transformers of Large-Scale Models, and 3D scenes")).toEqual(["transformer", "large-scale", "scene"]);
  });
});
