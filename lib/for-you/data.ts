import "server-only";
import { type Day, dayFromDate, type Period } from "@/lib/dates";
import { db } from "@/lib/db";
import { getFollows } from "@/lib/follows/data";
import type { Follows } from "@/lib/follows/schema";
import { Prisma } from "@/lib/generated/prisma/client";
import { excerpt } from "@/lib/papers/excerpt";
import { buildCorpus, type Corpus, tokenize, vectorize } from "./model";
import type { Candidate, LikedPaper } from "./rank";

/** The latest papers a For you feed ranks: about a week of arXiv (~400 a day). */
export const POOL_SIZE = 3_000;
/** A process keeps its pool this long: new papers and counts show up within it. */
const POOL_TTL_MS = 60_000;
/** The reader's most recent upvotes and saves the profile is learned from. */
export const LIKED_LIMIT = 300;

export interface PoolPaper extends Candidate {
  categories: string[];
  excerpt: string;
  authorCount: number;
  leadAuthors: string[];
  numComments: number;
  feedDay: Day;
  githubRepo: string | null;
}

export interface Pool {
  papers: PoolPaper[];
  corpus: Corpus;
  /** Categories of the pool with their paper counts, most common first (the cold-start step offers them). */
  categories: { category: string; papers: number }[];
}

interface PoolRow {
  arxiv_id: string;
  title: string;
  abstract: string;
  authors: string[];
  categories: string[];
  upvotes: number;
  num_comments: number;
  feed_day: Date;
  github_repo: string | null;
}

const POOL_COLUMNS = Prisma.sql`p.arxiv_id, p.title, p.abstract, p.authors, p.categories, p.upvotes, p.num_comments, p.feed_day, p.github_repo`;

/** A paper's words for the model: its title counts twice, as a title says more about a paper than a sentence. */
const paperTokens = (paper: { title: string; abstract: string }) => tokenize(`${paper.title} ${paper.title} ${paper.abstract}`);

/** Vectors for a set of papers, over a dictionary of their own words (or the one given). */

export function makePool(rows: readonly PoolRow[], over?: Corpus): Pool {
  const tokens = rows.map(paperTokens);
  const corpus = over ?? buildCorpus(tokens);
  const counts = new Map<string, number>();
  const papers = rows.map((row, index): PoolPaper => {
    for (const category of row.categories) counts.set(category, (counts.get(category) ?? 0) + 1);
    return {
      arxivId: row.arxiv_id,
      title: row.title,
      abstract: row.abstract,
      authors: row.authors,
      categories: row.categories,
      upvotes: row.upvotes,
      vector: vectorize(tokens[index] ?? [], corpus),
      excerpt: excerpt(row.abstract),
      authorCount: row.authors.length,
      leadAuthors: row.authors.slice(0, 3),
      numComments: row.num_comments,
      feedDay: dayFromDate(row.feed_day),
      githubRepo: row.github_repo,
    };
  });
  const categories = [...counts].map(([category, n]) => ({ category, papers: n })).sort((a, b) => b.papers - a.papers);
  return { papers, corpus, categories };
}

let cached: { at: number; pool: Promise<Pool> } | null = null;

/** The latest POOL_SIZE papers (newest day first, the feed's index order), vectorised, shared by every reader. */
export function getLatestPool(): Promise<Pool> {
  if (cached && Date.now() - cached.at < POOL_TTL_MS) return cached.pool;
  const pool = db.$queryRaw<PoolRow[]>`
      SELECT ${POOL_COLUMNS} FROM papers p ORDER BY p.feed_day DESC, p.upvotes DESC, p.title, p.id LIMIT ${POOL_SIZE}`.then(
    makePool,
  );
  cached = { at: Date.now(), pool };
  pool.catch(() => {
    if (cached?.pool === pool) cached = null;
  });
  return pool;
}

/**
 * A digest period's papers, vectorised over the For you feed's dictionary (the latest papers, which
 * hold any recent period's): a personal digest ranks and explains them exactly as the reader's feed does.
 */
export async function getPeriodPool(period: Period): Promise<Pool> {
  const [rows, latest] = await Promise.all([
    db.$queryRaw<PoolRow[]>`
      SELECT ${POOL_COLUMNS} FROM papers p WHERE p.feed_day BETWEEN ${period.start}::date AND ${period.end}::date
      ORDER BY p.feed_day DESC, p.upvotes DESC, p.title, p.id LIMIT ${POOL_SIZE}`,
    getLatestPool(),
  ]);
  return makePool(rows, latest.corpus);
}

export interface ReaderSignals {
  /** Most recent first; a paper both upvoted and saved counts once. */
  liked: { arxivId: string; title: string; abstract: string; how: "upvoted" | "saved" }[];
  follows: Follows;
}

export async function getReaderSignals(userId: string): Promise<ReaderSignals> {
  const [rows, follows] = await Promise.all([
    db.$queryRaw<{ arxiv_id: string; title: string; abstract: string; how: "upvoted" | "saved" }[]>`
      SELECT p.arxiv_id, p.title, p.abstract, liked.how FROM (
        (SELECT paper_id, 'saved' AS how, created_at FROM saved_papers WHERE user_id = ${userId} ORDER BY created_at DESC LIMIT ${LIKED_LIMIT})
        UNION ALL
        (SELECT paper_id, 'upvoted' AS how, created_at FROM votes WHERE user_id = ${userId} ORDER BY created_at DESC LIMIT ${LIKED_LIMIT})
      ) AS liked JOIN papers p ON p.id = liked.paper_id
      ORDER BY liked.created_at DESC
      LIMIT ${LIKED_LIMIT * 2}`,
    getFollows(userId),
  ]);
  const seen = new Set<string>();
  const liked = rows.filter((row) => !seen.has(row.arxiv_id) && seen.add(row.arxiv_id));
  return {
    liked: liked.map((row) => ({ arxivId: row.arxiv_id, title: row.title, abstract: row.abstract, how: row.how })),
    follows,
  };
}

/** The reader's liked papers as vectors over a pool's dictionary. */
export function likedVectors(signals: ReaderSignals, corpus: Corpus): LikedPaper[] {
  return signals.liked.map((paper) => ({
    arxivId: paper.arxivId,
    title: paper.title,
    how: paper.how,
    vector: vectorize(paperTokens(paper), corpus),
  }));
}

export const hasSignals = (signals: ReaderSignals) =>
  signals.liked.length > 0 ||
  signals.follows.authors.length + signals.follows.categories.length + signals.follows.keywords.length > 0;
