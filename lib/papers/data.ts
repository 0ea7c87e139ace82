import "server-only";
import { cache } from "react";
import { addDays, type Day, dateFromDay, dayFromDate, daysOf, type Period, periodOf } from "@/lib/dates";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { cacheTags, tags } from "@/lib/page-cache/collector";
import { EXCERPT_LENGTH, excerpt } from "@/lib/papers/excerpt";
import { TRENDING_GRAVITY, TRENDING_OFFSET_HOURS, TRENDING_WINDOW_DAYS } from "@/lib/papers/trending";

/** Cards per feed page: a day of arXiv (~400 papers) is 14 pages, not one 1.4 MB page. */
export const FEED_PAGE_SIZE = 30;

/** What a feed card shows. */
export interface PaperCardData {
  arxivId: string;
  title: string;
  excerpt: string;
  authorCount: number;
  upvotes: number;
  /** Comments readers see, kept by the database (papers.num_comments). */
  numComments: number;
  feedDay: Day;
  githubRepo: string | null;
  /** The first few author names (the card links them to author pages). */
  leadAuthors: string[];
  /** arXiv categories, the primary one first (empty where the source had none). */
  categories: string[];
}

export interface PaperDetail {
  arxivId: string;
  title: string;
  abstract: string;
  authors: string[];
  publishedAt: Date;
  feedDay: Day;
  upvotes: number;
  /** Comments readers see (neither deleted nor hidden), kept by the database. */
  numComments: number;
  githubRepo: string | null;
  projectPage: string | null;
  categories: string[];
}

/** One page of a period's papers, most upvoted first, with the neighbouring periods that have papers. */
export interface PeriodPage {
  period: Period;
  papers: PaperCardData[];
  /** Papers in the whole period. */
  total: number;
  /** 1-based. */
  page: number;
  pageCount: number;
  /** The period's newest day that has papers (null for an empty period). */
  lastDay: Day | null;
  previous: Period | null;
  next: Period | null;
}

/** A paper as raw SQL returns it (snake_case columns); `PAPER_COLUMNS` selects exactly these. */
export interface PaperRow {
  arxiv_id: string;
  title: string;
  abstract: string;
  authors: string[];
  published_at: Date;
  feed_day: Date;
  upvotes: number;
  num_comments: number;
  github_repo: string | null;
  project_page: string | null;
  categories: string[];
}

export const PAPER_COLUMNS = Prisma.sql`p.arxiv_id, p.title, p.abstract, p.authors, p.published_at, p.feed_day, p.upvotes, p.num_comments, p.github_repo, p.project_page, p.categories`;

export function detailFromRow(row: PaperRow): PaperDetail {
  return {
    arxivId: row.arxiv_id,
    title: row.title,
    abstract: row.abstract,
    authors: row.authors,
    publishedAt: row.published_at,
    feedDay: dayFromDate(row.feed_day),
    upvotes: row.upvotes,
    numComments: row.num_comments,
    githubRepo: row.github_repo,
    projectPage: row.project_page,
    categories: row.categories,
  };
}

/** What a card needs and no more: the head of the abstract, the number of authors. */
export interface CardRow {
  arxiv_id: string;
  title: string;
  abstract_head: string;
  author_count: number;
  upvotes: number;
  num_comments: number;
  feed_day: Date;
  github_repo: string | null;
  lead_authors: string[];
  categories: string[];
}

/** Author names a card shows (and links); the rest are counted. */
export const CARD_AUTHORS = 3;

export const CARD_COLUMNS = Prisma.sql`p.arxiv_id, p.title, left(p.abstract, ${EXCERPT_LENGTH + 1}) AS abstract_head,
  cardinality(p.authors) AS author_count, p.upvotes, p.num_comments, p.feed_day, p.github_repo,
  p.authors[1:${CARD_AUTHORS}] AS lead_authors, p.categories`;

export function cardFromRow(row: CardRow): PaperCardData {
  return {
    arxivId: row.arxiv_id,
    title: row.title,
    excerpt: excerpt(row.abstract_head),
    authorCount: row.author_count,
    upvotes: row.upvotes,
    numComments: row.num_comments,
    feedDay: dayFromDate(row.feed_day),
    githubRepo: row.github_repo,
    leadAuthors: row.lead_authors ?? [],
    categories: row.categories ?? [],
  };
}

export const cardFromDetail = (paper: PaperDetail): PaperCardData => ({
  arxivId: paper.arxivId,
  title: paper.title,
  excerpt: excerpt(paper.abstract),
  authorCount: paper.authors.length,
  upvotes: paper.upvotes,
  numComments: paper.numComments,
  feedDay: paper.feedDay,
  githubRepo: paper.githubRepo,
  leadAuthors: paper.authors.slice(0, CARD_AUTHORS),
  categories: paper.categories,
});

export async function getLatestFeedDay(): Promise<Day | null> {
  cacheTags(tags.days);
  const row = await db.paper.findFirst({ orderBy: { feedDay: "desc" }, select: { feedDay: true } });
  return row ? dayFromDate(row.feedDay) : null;
}

/** The nearest days before and after the range that have papers (empty days are skipped). */
export async function getNeighbourDays(start: Day, end: Day = start): Promise<{ previous: Day | null; next: Day | null }> {
  cacheTags(tags.days);
  const [previous, next] = await Promise.all([
    db.paper.findFirst({
      where: { feedDay: { lt: dateFromDay(start) } },
      orderBy: { feedDay: "desc" },
      select: { feedDay: true },
    }),
    db.paper.findFirst({ where: { feedDay: { gt: dateFromDay(end) } }, orderBy: { feedDay: "asc" }, select: { feedDay: true } }),
  ]);
  return {
    previous: previous ? dayFromDate(previous.feedDay) : null,
    next: next ? dayFromDate(next.feedDay) : null,
  };
}

/**
 * One page of a period's papers, most upvoted first (ties by title), with everything around it, in
 * one round trip. The page's ids come from an index-only scan of papers_feed_day_upvotes_idx (a day is
 * already in order; a week or month is sorted there, over that period's entries only), then only
 * those rows are read; the count, the period's newest day, its neighbours and the latest day of all
 * are index lookups.
 */
export async function getPeriodPage(period: Period, page: number): Promise<PeriodPage & { latest: Day | null }> {
  cacheTags(tags.days, ...daysOf(period).map(tags.day));
  const start = dateFromDay(period.start);
  const end = dateFromDay(period.end);
  const rows = await db.$queryRaw<
    (Partial<CardRow> & { total: number; last_day: Date | null; previous: Date | null; next: Date | null; latest: Date | null })[]
  >`
    WITH ids AS (
      SELECT id, upvotes, title FROM papers
      WHERE feed_day BETWEEN ${start}::date AND ${end}::date
      ORDER BY upvotes DESC, title, id
      LIMIT ${FEED_PAGE_SIZE} OFFSET ${(page - 1) * FEED_PAGE_SIZE}
    ), around AS (
      SELECT
        (SELECT count(*)::int FROM papers WHERE feed_day BETWEEN ${start}::date AND ${end}::date) AS total,
        (SELECT max(feed_day) FROM papers WHERE feed_day BETWEEN ${start}::date AND ${end}::date) AS last_day,
        (SELECT feed_day FROM papers WHERE feed_day < ${start}::date ORDER BY feed_day DESC LIMIT 1) AS previous,
        (SELECT feed_day FROM papers WHERE feed_day > ${end}::date ORDER BY feed_day LIMIT 1) AS next,
        (SELECT feed_day FROM papers ORDER BY feed_day DESC LIMIT 1) AS latest
    )
    SELECT around.*, cards.*
    FROM around LEFT JOIN LATERAL (
      SELECT ${CARD_COLUMNS}, ids.upvotes AS rank_upvotes, ids.title AS rank_title, ids.id AS rank_id
      FROM ids JOIN papers p USING (id)
    ) AS cards ON true
    ORDER BY cards.rank_upvotes DESC, cards.rank_title, cards.rank_id`;
  const first = rows[0];
  const total = first?.total ?? 0;
  const day = (value: Date | null | undefined) => (value ? dayFromDate(value) : null);
  const previous = day(first?.previous);
  const next = day(first?.next);
  return {
    period,
    papers: rows.filter((row): row is typeof row & CardRow => row.arxiv_id != null).map(cardFromRow),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / FEED_PAGE_SIZE)),
    lastDay: day(first?.last_day),
    previous: previous ? periodOf(period.kind, previous) : null,
    next: next ? periodOf(period.kind, next) : null,
    latest: day(first?.latest),
  };
}

/** Cached per request: the page and its metadata both ask for it. */
export const getPaper = cache(async (arxivId: string): Promise<PaperDetail | null> => {
  cacheTags(tags.paper(arxivId));
  const rows = await db.$queryRaw<PaperRow[]>`SELECT ${PAPER_COLUMNS} FROM papers p WHERE p.arxiv_id = ${arxivId}`;
  return rows[0] ? detailFromRow(rows[0]) : null;
});

export async function hasPapers(): Promise<boolean> {
  return (await db.paper.findFirst({ select: { id: true } })) !== null;
}

/**
 * lib/papers/trending.ts's formula in SQL, for ranking inside the database. In double precision:
 * EXTRACT answers `numeric`, whose power() made ranking a week of a million papers take 30 ms.
 */
function trendingScoreSql(reference: Date): Prisma.Sql {
  return Prisma.sql`(upvotes / power(GREATEST(EXTRACT(EPOCH FROM (${reference}::timestamptz - (feed_day::timestamp AT TIME ZONE 'UTC')))::float8 / 3600, 0) + ${TRENDING_OFFSET_HOURS}::float8, ${TRENDING_GRAVITY}::float8))`;
}

export interface TrendingPapers {
  /** The time ages are measured from (now, or the end of the latest feed day if the feed stopped). */
  reference: Date;
  papers: (PaperCardData & PaperDetail & { score: number })[];
}

/**
 * Papers of the trending window ranked by lib/papers/trending.ts's formula, computed in SQL:
 * upvotes / (hours since the feed day began + TRENDING_OFFSET_HOURS) ^ TRENDING_GRAVITY. The window's
 * scores come from the feed index alone; only the papers shown are read.
 */
export async function getTrendingPapers(options: { limit: number; offset?: number; now?: Date }): Promise<TrendingPapers> {
  const now = options.now ?? new Date();
  const latest = await getLatestFeedDay();
  const latestEnd = latest ? addDays(latest, 1) : null;
  const reference = latestEnd && dateFromDay(latestEnd) < now ? dateFromDay(latestEnd) : now;
  const windowStart = new Date(reference.getTime() - TRENDING_WINDOW_DAYS * 86_400_000);
  const from = dayFromDate(windowStart);
  const to = dayFromDate(reference);
  cacheTags(...daysOf({ start: from, end: to }).map(tags.day));
  const rows = await db.$queryRaw<(PaperRow & { score: number })[]>`
    WITH ranked AS (
      SELECT id, upvotes, title, ${trendingScoreSql(reference)} AS score
      FROM papers
      WHERE feed_day >= ${windowStart}::date AND feed_day <= ${reference}::date
      ORDER BY score DESC, upvotes DESC, title, id
      LIMIT ${options.limit} OFFSET ${options.offset ?? 0}
    )
    SELECT ${PAPER_COLUMNS}, ranked.score FROM ranked JOIN papers p USING (id)
    ORDER BY ranked.score DESC, ranked.upvotes DESC, ranked.title, ranked.id`;
  return {
    reference,
    papers: rows.map((row) => {
      const paper = detailFromRow(row);
      return { ...paper, ...cardFromDetail(paper), score: Number(row.score) };
    }),
  };
}

export type PeriodSort = "publishedAt" | "trending";

/** A page of a period's papers with everything the JSON API and feeds need. */
export async function getPeriodPaperRecords(
  period: Period,
  options: { sort: PeriodSort; limit: number; offset: number; category?: string },
): Promise<{ total: number; papers: PaperDetail[] }> {
  const inCategory = options.category ? Prisma.sql`AND categories @> ARRAY[${options.category}]::text[]` : Prisma.empty;
  cacheTags(...daysOf(period).map(tags.day));
  const reference = dateFromDay(addDays(period.end, 1));
  const order =
    options.sort === "trending"
      ? Prisma.sql`${trendingScoreSql(reference)} DESC, upvotes DESC, arxiv_id DESC`
      : Prisma.sql`feed_day DESC, published_at DESC, arxiv_id DESC`;
  const start = dateFromDay(period.start);
  const end = dateFromDay(period.end);
  const [counted, rows] = await Promise.all([
    db.$queryRaw<{ total: number }[]>`
      SELECT count(*)::int AS total FROM papers WHERE feed_day BETWEEN ${start}::date AND ${end}::date ${inCategory}`,
    db.$queryRaw<PaperRow[]>`
      SELECT ${PAPER_COLUMNS}
      FROM papers p
      WHERE feed_day BETWEEN ${start}::date AND ${end}::date ${inCategory}
      ORDER BY ${order}
      LIMIT ${options.limit} OFFSET ${options.offset}`,
  ]);
  return { total: counted[0]?.total ?? 0, papers: rows.map(detailFromRow) };
}

/**
 * The papers of the latest `days` days that have any, newest day first, most upvoted first (the RSS
 * feed). The days are found by skipping down the feed index one day at a time, never by grouping
 * the whole table.
 */
export async function getRecentPaperRecords(days: number, limit: number): Promise<PaperDetail[]> {
  cacheTags(tags.days);
  const recent = await db.$queryRaw<{ feed_day: Date }[]>`
    WITH RECURSIVE recent AS (
      (SELECT feed_day FROM papers ORDER BY feed_day DESC LIMIT 1)
      UNION ALL
      SELECT (SELECT p.feed_day FROM papers p WHERE p.feed_day < recent.feed_day ORDER BY p.feed_day DESC LIMIT 1)
      FROM recent WHERE recent.feed_day IS NOT NULL
    )
    SELECT feed_day FROM recent WHERE feed_day IS NOT NULL LIMIT ${days}`;
  const oldest = recent.at(-1)?.feed_day;
  if (!oldest) return [];
  cacheTags(...recent.map((row) => tags.day(dayFromDate(row.feed_day))));
  const rows = await db.$queryRaw<PaperRow[]>`
    SELECT ${PAPER_COLUMNS} FROM papers p
    WHERE p.feed_day >= ${oldest}::date
    ORDER BY p.feed_day DESC, p.upvotes DESC, p.title
    LIMIT ${limit}`;
  return rows.map(detailFromRow);
}

/**
 * Paper URLs per sitemap file. The protocol allows 50,000; 10,000 keep a file near 1 MB, within what
 * the shared page cache keeps (2 MB an entry), so a file is drawn once until papers come or go
 * (50,000 rows took seconds to draw on every request).
 */
export const SITEMAP_FILE_PAPERS = 10_000;

/**
 * How many paper sitemap files there are: file n holds the papers with ids in
 * (n * SITEMAP_FILE_PAPERS, (n + 1) * SITEMAP_FILE_PAPERS], so each file is one range of the primary
 * key (no OFFSET over a million rows) and never holds more than the protocol allows.
 */
export async function getSitemapFileCount(): Promise<number> {
  const [row] = await db.$queryRaw<{ last: number | null }[]>`SELECT max(id) AS last FROM papers`;
  return Math.max(1, Math.ceil((row?.last ?? 0) / SITEMAP_FILE_PAPERS));
}

/** The papers of sitemap file `file`, with when each last changed. */
export async function getSitemapPapers(file: number): Promise<{ arxivId: string; updatedAt: Date }[]> {
  const rows = await db.$queryRaw<{ arxiv_id: string; updated_at: Date }[]>`
    SELECT arxiv_id, updated_at FROM papers
    WHERE id > ${file * SITEMAP_FILE_PAPERS} AND id <= ${(file + 1) * SITEMAP_FILE_PAPERS}
    ORDER BY id`;
  return rows.map((row) => ({ arxivId: row.arxiv_id, updatedAt: row.updated_at }));
}

type Plan = { "QUERY PLAN": { Plan: { "Plan Rows": number } }[] }[];

/** How many rows PostgreSQL expects a query to give (its statistics; no row is read). */
export async function plannedRows(query: Prisma.Sql): Promise<number> {
  const [row] = await db.$queryRaw<Plan>`EXPLAIN (FORMAT JSON) ${query}`;
  return row?.["QUERY PLAN"][0]?.Plan["Plan Rows"] ?? 0;
}

/** Categories PostgreSQL expects to hold more papers than this are not counted, but estimated. */
export const CATEGORY_COUNT_CAP = 1_000;
/** A category's newest papers, this many pages of them (older ones: search within it, or the API). */
export const CATEGORY_MAX_PAGES = 10;

/**
 * One page of an arXiv category's papers, newest day first and most upvoted first within a day (the
 * feed's order, so a large category walks papers_feed_day_upvotes_idx and a small one is taken from
 * papers_categories_idx; the planner chooses).
 */
export async function getCategoryPage(
  category: string,
  options: { limit: number; offset: number },
): Promise<{ papers: PaperCardData[]; total: number; estimated: boolean }> {
  cacheTags(tags.search);
  // A large category is not counted (that would read every one of its papers): its size is estimated.
  const counting = plannedRows(Prisma.sql`SELECT 1 FROM papers WHERE categories @> ARRAY[${category}]::text[]`).then(
    async (expected) => {
      if (expected > CATEGORY_COUNT_CAP) return { total: Math.round(expected), estimated: true };
      const [row] = await db.$queryRaw<{ total: number }[]>`
        SELECT count(*)::int AS total FROM papers WHERE categories @> ARRAY[${category}]::text[]`;
      return { total: row?.total ?? 0, estimated: false };
    },
  );
  const [rows, counted] = await Promise.all([
    db.$queryRaw<CardRow[]>`
      SELECT ${CARD_COLUMNS} FROM papers p
      WHERE p.categories @> ARRAY[${category}]::text[]
      ORDER BY p.feed_day DESC, p.upvotes DESC, p.title, p.id
      LIMIT ${options.limit} OFFSET ${options.offset}`,
    counting,
  ]);
  cacheTags(...rows.map((row) => tags.paper(row.arxiv_id)));
  return { papers: rows.map(cardFromRow), ...counted };
}

/** Papers without arXiv categories (from Hugging Face lists), newest first: what `--missing-categories` asks arXiv for. */
export async function getArxivIdsWithoutCategories(limit: number): Promise<string[]> {
  const rows = await db.$queryRaw<{ arxiv_id: string }[]>`
    SELECT arxiv_id FROM papers WHERE categories = '{}' ORDER BY feed_day DESC, upvotes DESC, title, id LIMIT ${limit}`;
  return rows.map((row) => row.arxiv_id);
}
