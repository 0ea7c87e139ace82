import "server-only";
import { addDays, dateFromDay, dayFromDate, type Period } from "@/lib/dates";
import { db } from "@/lib/db";
import { rankByTrending } from "@/lib/papers/trending";
import type { DigestPaper } from "./compose";
import { parseStoredKeywords } from "./keywords";
import type { DigestFrequency, SubscriberView } from "./schema";

/**
 * The period's papers ranked by trending as of the end of the period (so a weekly digest favours
 * papers that gathered their upvotes quickly, and a daily one is ranked by upvotes).
 */
export async function getRankedPeriodPapers(period: Period): Promise<DigestPaper[]> {
  const rows = await db.paper.findMany({
    where: { feedDay: { gte: dateFromDay(period.start), lte: dateFromDay(period.end) } },
    select: { arxivId: true, title: true, abstract: true, authors: true, upvotes: true, feedDay: true },
  });
  const reference = dateFromDay(addDays(period.end, 1));
  return rankByTrending(
    rows.map((row) => ({ ...row, feedDayStart: row.feedDay })),
    reference,
  ).map((row) => ({
    arxivId: row.arxivId,
    title: row.title,
    abstract: row.abstract,
    authorCount: row.authors.length,
    upvotes: row.upvotes,
    feedDay: dayFromDate(row.feedDay),
  }));
}

export async function getSubscriberByToken(token: string): Promise<SubscriberView | null> {
  const row = await db.subscriber.findUnique({
    where: { token },
    select: { email: true, status: true, frequency: true, keywords: true, token: true, mode: true, userId: true },
  });
  if (!row) return null;
  const { userId, ...rest } = row;
  return { ...rest, keywords: parseStoredKeywords(row.keywords), hasAccount: userId !== null };
}

export async function getUserEmailVerified(userId: string): Promise<{ email: string; verified: boolean } | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, emailVerified: true } });
  return user?.email ? { email: user.email, verified: user.emailVerified !== null } : null;
}

export async function countActiveSubscribers(frequency: DigestFrequency): Promise<number> {
  return db.subscriber.count({ where: { status: "active", frequency } });
}

export interface DeliveryCounts {
  pending: number;
  sending: number;
  sent: number;
  skipped: number;
  failed: number;
}

export async function getDeliveryCounts(frequency: DigestFrequency, periodKey: string): Promise<DeliveryCounts> {
  const groups = await db.digestDelivery.groupBy({ by: ["status"], where: { frequency, periodKey }, _count: true });
  const counts: DeliveryCounts = { pending: 0, sending: 0, sent: 0, skipped: 0, failed: 0 };
  for (const group of groups) counts[group.status] = group._count;
  return counts;
}

export async function listActiveSubscribers(frequency: DigestFrequency) {
  return db.subscriber.findMany({
    where: { status: "active", frequency },
    select: { email: true, keywords: true, token: true },
    orderBy: { email: "asc" },
  });
}
