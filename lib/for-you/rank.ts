import { matchesKeywords } from "@/lib/digest/keywords";
import type { Follows } from "@/lib/follows/schema";
import { type Corpus, cosine, learnProfile, type SparseVector, scoreDense } from "./model";

/** A candidate paper with its vector (made once per candidate pool). */
export interface Candidate {
  arxivId: string;
  title: string;
  abstract: string;
  authors: readonly string[];
  categories: readonly string[];
  upvotes: number;
  vector: SparseVector;
}

/** A paper the reader upvoted or saved: what the profile is learned from, and what a reason names. */
export interface LikedPaper {
  arxivId: string;
  title: string;
  how: "upvoted" | "saved";
  vector: SparseVector;
}

export type Reason =
  | { kind: "similar"; how: "upvoted" | "saved"; arxivId: string; title: string }
  | { kind: "author"; name: string }
  | { kind: "category"; category: string }
  | { kind: "keyword"; keyword: string };

export interface Ranked<C extends Candidate> {
  paper: C;
  score: number;
  reasons: Reason[];
}

/** How much a follow adds to a paper's score (similarity is a cosine, 0 to 1). */
export const BOOST = { author: 0.4, category: 0.2, keyword: 0.25 } as const;
/** A paper this close to one the reader liked says so. */
export const SIMILAR_REASON_MIN = 0.12;
/** Liked papers compared with each shown paper to name the closest (the most recent ones). */
const REASON_CANDIDATES = 100;

/**
 * Ranks candidates for a reader: similarity to their profile, plus boosts for followed authors,
 * categories and keywords, with a whisper of popularity to order papers the reader gave no signal
 * about. Papers the reader already upvoted or saved are left out. Every paper shown says why.
 */
export function rankForReader<C extends Candidate>(options: {
  candidates: readonly C[];
  corpus: Corpus;
  liked: readonly LikedPaper[];
  follows: Follows;
  limit: number;
}): Ranked<C>[] {
  const { candidates, liked, follows } = options;
  const profile = learnProfile(
    liked.map((paper) => paper.vector),
    options.corpus,
  );
  const hasProfile = liked.length > 0;
  const seen = new Set(liked.map((paper) => paper.arxivId));
  const authors = new Set(follows.authors);
  const categories = new Set(follows.categories);
  const scored: { paper: C; score: number; similarity: number }[] = [];
  for (const paper of candidates) {
    if (seen.has(paper.arxivId)) continue;
    const similarity = hasProfile ? scoreDense(paper.vector, profile) : 0;
    let score = similarity + 0.01 * Math.log1p(Math.max(paper.upvotes, 0));
    if (paper.authors.some((name) => authors.has(name))) score += BOOST.author;
    if (paper.categories.some((category) => categories.has(category))) score += BOOST.category;
    if (follows.keywords.length && matchesKeywords(paper, follows.keywords)) score += BOOST.keyword;
    scored.push({ paper, score, similarity });
  }
  scored.sort((a, b) => b.score - a.score || b.paper.upvotes - a.paper.upvotes || a.paper.arxivId.localeCompare(b.paper.arxivId));
  const recent = liked.slice(0, REASON_CANDIDATES);
  return scored.slice(0, options.limit).map(({ paper, score }) => ({ paper, score, reasons: explain(paper, recent, follows) }));
}

/** Why a paper is in the reader's feed, strongest first. */
export function explain(paper: Candidate, liked: readonly LikedPaper[], follows: Follows): Reason[] {
  const reasons: Reason[] = [];
  const author = paper.authors.find((name) => follows.authors.includes(name));
  if (author) reasons.push({ kind: "author", name: author });
  let best: { paper: LikedPaper; similarity: number } | null = null;
  for (const candidate of liked) {
    const similarity = cosine(paper.vector, candidate.vector);
    if (similarity >= SIMILAR_REASON_MIN && (!best || similarity > best.similarity)) best = { paper: candidate, similarity };
  }
  if (best) reasons.push({ kind: "similar", how: best.paper.how, arxivId: best.paper.arxivId, title: best.paper.title });
  const category = paper.categories.find((value) => follows.categories.includes(value));
  if (category) reasons.push({ kind: "category", category });
  const keyword = follows.keywords.find((value) => matchesKeywords(paper, [value]));
  if (keyword) reasons.push({ kind: "keyword", keyword });
  return reasons;
}

/** "Because you upvoted “X”", "You follow Ada Lovelace", "In cs.CL, which you follow", "Matches “diffusion”". */
export function describeReason(reason: Reason): string {
  switch (reason.kind) {
    case "similar":
      return `Because you ${reason.how} “${reason.title}”`;
    case "author":
      return `You follow ${reason.name}`;
    case "category":
      return `In ${reason.category}, which you follow`;
    case "keyword":
      return `Matches “${reason.keyword}”`;
  }
}
