import "server-only";
import { cache } from "react";
import { type Day, dateFromDay, dayFromDate, type Period, periodOf } from "@/lib/dates";
import { db } from "@/lib/db";
import { excerpt } from "@/lib/papers/excerpt";

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
    select: {
      arxivId: true,
      title: true,
      abstract: true,
      authors: true,
      publishedAt: true,
      feedDay: true,
      upvotes: true,
      githubRepo: true,
      projectPage: true,
    },
  });
  return row ? { ...row, feedDay: dayFromDate(row.feedDay) } : null;
});

export async function countPapers(): Promise<number> {
  return db.paper.count();
}
