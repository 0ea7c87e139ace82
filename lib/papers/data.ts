import "server-only";
import { cache } from "react";
import { addDays, type Day, dateFromDay, dayFromDate, type Period, periodOf } from "@/lib/dates";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { excerpt } from "@/lib/papers/excerpt";
import { TRENDING_GRAVITY, TRENDING_OFFSET_HOURS, TRENDING_WINDOW_DAYS } from "@/lib/papers/trending";

/** What a feed card shows. */
export interface PaperCardData {
  arxivId: string;
  title: string;
  excerpt: string;
  authorCount: number;
  upvotes: number;
  feedDay: Day;
  githubRepo: string | null;
}

export interface PaperDetail {
  arxivId: string;
  title: string;
  abstract: string;
  authors: string[];
  publishedAt: Date;
  feedDay: Day;
  upvotes: number;
  githubRepo: string | null;
  projectPage: string | null;
}

export interface DayGroup {
  day: Day;
  papers: PaperCardData[];
}

export interface PeriodFeed {
  period: Period;
  days: DayGroup[];
  previous: Period | null;
  next: Period | null;
}

const cardSelect = {
  arxivId: true,
  title: true,
  abstract: true,
  authors: true,
  upvotes: true,
  feedDay: true,
  githubRepo: true,
} as const;

const detailSelect = {
  arxivId: true,
  title: true,
  abstract: true,
  authors: true,
  publishedAt: true,
  feedDay: true,
  upvotes: true,
  githubRepo: true,
  projectPage: true,
} as const;

/** A paper as raw SQL returns it (snake_case columns); `PAPER_COLUMNS` selects exactly these. */
export interface PaperRow {
  arxiv_id: string;
  title: string;
  abstract: string;
  authors: string[];
  published_at: Date;
  feed_day: Date;
  upvotes: number;
  github_repo: string | null;
  project_page: string | null;
}

export const PAPER_COLUMNS = Prisma.sql`arxiv_id, title, abstract, authors, published_at, feed_day, upvotes, github_repo, project_page`;

export function detailFromRow(row: PaperRow): PaperDetail {
  return {
    arxivId: row.arxiv_id,
    title: row.title,
    abstract: row.abstract,
    authors: row.authors,
    publishedAt: row.published_at,
    feedDay: dayFromDate(row.feed_day),
    upvotes: row.upvotes,
    githubRepo: row.github_repo,
    projectPage: row.project_page,
  };
}

// Most upvoted first, ties by title; matches the papers_feed_day_upvotes_idx index.
const feedOrder = [{ feedDay: "desc" }, { upvotes: "desc" }, { title: "asc" }] as const;

function toCard(row: {
  arxivId: string;
  title: string;
  abstract: string;
  authors: string[];
  upvotes: number;
  feedDay: Date;
  githubRepo: string | null;
}): PaperCardData {
  return {
    arxivId: row.arxivId,
    title: row.title,
    excerpt: excerpt(row.abstract),
    authorCount: row.authors.length,
    upvotes: row.upvotes,
    feedDay: dayFromDate(row.feedDay),
    githubRepo: row.githubRepo,
  };
}

export async function getLatestFeedDay(): Promise<Day | null> {
  const row = await db.paper.findFirst({ orderBy: { feedDay: "desc" }, select: { feedDay: true } });
  return row ? dayFromDate(row.feedDay) : null;
}

/** The nearest days before and after the range that have papers (empty days are skipped). */
export async function getNeighbourDays(start: Day, end: Day = start): Promise<{ previous: Day | null; next: Day | null }> {
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

/** The period's papers grouped by day (newest day first, most upvoted first within a day), with its neighbours. */
export async function getPeriodFeed(period: Period): Promise<PeriodFeed> {
  const [rows, neighbours] = await Promise.all([
    db.paper.findMany({
      where: { feedDay: { gte: dateFromDay(period.start), lte: dateFromDay(period.end) } },
      orderBy: [...feedOrder],
      select: cardSelect,
    }),
    getNeighbourDays(period.start, period.end),
  ]);
  const days: DayGroup[] = [];
  for (const row of rows) {
    const card = toCard(row);
    const last = days.at(-1);
    if (last?.day === card.feedDay) last.papers.push(card);
    else days.push({ day: card.feedDay, papers: [card] });
  }
  return {
    period,
    days,
    previous: neighbours.previous ? periodOf(period.kind, neighbours.previous) : null,
    next: neighbours.next ? periodOf(period.kind, neighbours.next) : null,
  };
}

/** Cached per request: the page and its metadata both ask for it. */
export const getPaper = cache(async (arxivId: string): Promise<PaperDetail | null> => {
  const row = await db.paper.findUnique({
    where: { arxivId },
    select: detailSelect,
  });
  return row ? { ...row, feedDay: dayFromDate(row.feedDay) } : null;
});

export async function countPapers(): Promise<number> {
  return db.paper.count();
}

/** lib/papers/trending.ts's formula in SQL, for ranking inside the database. */
function trendingScoreSql(reference: Date): Prisma.Sql {
  return Prisma.sql`(upvotes / power(GREATEST(EXTRACT(EPOCH FROM (${reference}::timestamptz - (feed_day::timestamp AT TIME ZONE 'UTC'))) / 3600, 0) + ${TRENDING_OFFSET_HOURS}, ${TRENDING_GRAVITY}))`;
}

export interface TrendingPapers {
  /** The time ages are measured from (now, or the end of the latest feed day if the feed stopped). */
  reference: Date;
  papers: (PaperCardData & {
    score: number;
    publishedAt: Date;
    abstract: string;
    authors: string[];
    projectPage: string | null;
  })[];
}

/**
 * Papers of the trending window ranked by lib/papers/trending.ts's formula, computed in SQL:
 * upvotes / (hours since the feed day began + TRENDING_OFFSET_HOURS) ^ TRENDING_GRAVITY.
 */
export async function getTrendingPapers(options: { limit: number; offset?: number; now?: Date }): Promise<TrendingPapers> {
  const now = options.now ?? new Date();
  const latest = await getLatestFeedDay();
  const latestEnd = latest ? addDays(latest, 1) : null;
  const reference = latestEnd && dateFromDay(latestEnd) < now ? dateFromDay(latestEnd) : now;
  const windowStart = new Date(reference.getTime() - TRENDING_WINDOW_DAYS * 86_400_000);
  const rows = await db.$queryRaw<(PaperRow & { score: number })[]>`
    SELECT ${PAPER_COLUMNS}, ${trendingScoreSql(reference)} AS score
    FROM papers
    WHERE feed_day >= ${windowStart}::date AND feed_day <= ${reference}::date
    ORDER BY score DESC, upvotes DESC, title
    LIMIT ${options.limit} OFFSET ${options.offset ?? 0}`;
  return {
    reference,
    papers: rows.map((row) => {
      const paper = detailFromRow(row);
      return { ...paper, ...toCard({ ...paper, feedDay: row.feed_day }), score: Number(row.score) };
    }),
  };
}

export type PeriodSort = "publishedAt" | "trending";

/** A page of a period's papers with everything the JSON API and feeds need. */
export async function getPeriodPaperRecords(
  period: Period,
  options: { sort: PeriodSort; limit: number; offset: number },
): Promise<{ total: number; papers: PaperDetail[] }> {
  const reference = dateFromDay(addDays(period.end, 1));
  const order =
    options.sort === "trending"
      ? Prisma.sql`${trendingScoreSql(reference)} DESC, upvotes DESC, arxiv_id DESC`
      : Prisma.sql`feed_day DESC, published_at DESC, arxiv_id DESC`;
  const [count, rows] = await Promise.all([
    db.paper.count({ where: { feedDay: { gte: dateFromDay(period.start), lte: dateFromDay(period.end) } } }),
    db.$queryRaw<PaperRow[]>`
      SELECT ${PAPER_COLUMNS}
      FROM papers
      WHERE feed_day BETWEEN ${dateFromDay(period.start)}::date AND ${dateFromDay(period.end)}::date
      ORDER BY ${order}
      LIMIT ${options.limit} OFFSET ${options.offset}`,
  ]);
  return { total: count, papers: rows.map(detailFromRow) };
}

/** The papers of the latest `days` days that have any, newest day first, most upvoted first (the RSS feed). */
export async function getRecentPaperRecords(days: number, limit: number): Promise<PaperDetail[]> {
  const recent = await db.paper.groupBy({ by: ["feedDay"], orderBy: { feedDay: "desc" }, take: days });
  const oldest = recent.at(-1)?.feedDay;
  if (!oldest) return [];
  const rows = await db.paper.findMany({
    where: { feedDay: { gte: oldest } },
    orderBy: [...feedOrder],
    take: limit,
    select: detailSelect,
  });
  return rows.map((row) => ({ ...row, feedDay: dayFromDate(row.feedDay) }));
}
