import "server-only";
import { randomBytes } from "node:crypto";
import os from "node:os";
import { type Period, parsePeriod } from "@/lib/dates";
import { drainOutbox, settleFailedSend } from "@/lib/email/retry";
import { type OutgoingMessage, sendMail } from "@/lib/email/transport";
import { appUrl, env } from "@/lib/env";
import { getPeriodPool, getReaderSignals, hasSignals, likedVectors, type Pool } from "@/lib/for-you/data";
import { describeReason, rankForReader } from "@/lib/for-you/rank";
import { composeDigest, type DigestPaper } from "./compose";
import { getRankedPeriodPapers } from "./data";
import { parseStoredKeywords } from "./keywords";
import {
  type ClaimedDelivery,
  claimDeliveries,
  markDeliveryFailed,
  markDeliveryRetry,
  markDeliverySent,
  markDeliverySkipped,
  planDeliveries,
} from "./mutations";
import type { DigestFrequency } from "./schema";

export const newWorkerId = () => `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;

export interface DeliverySummary {
  sent: number;
  skipped: number;
  retrying: number;
  failed: number;
}

export interface DeliverOptions {
  workerId: string;
  now?: () => Date;
  send?: (message: OutgoingMessage) => Promise<{ messageId: string }>;
  frequency?: DigestFrequency;
  periodKey?: string;
  log?: (message: string) => void;
  /** Ranked papers already read, by "frequency:periodKey" (the caller's, so they are not read again). */
  rankedByPeriod?: Map<string, DigestPaper[]>;
}

const periodCacheKey = (frequency: DigestFrequency, periodKey: string) => `${frequency}:${periodKey}`;

function periodOfDelivery(delivery: Pick<ClaimedDelivery, "frequency" | "periodKey">): Period {
  const period = parsePeriod(delivery.frequency === "daily" ? "day" : "week", delivery.periodKey);
  if (!period) throw new Error(`Delivery with a malformed period: ${delivery.periodKey}`);
  return period;
}

/**
 * Sends every delivery that is due until none is left, a batch at a time. Each is claimed in the
 * database before its email goes out and marked after, so concurrent workers and restarts never send
 * one twice; temporary SMTP failures come back later with backoff.
 */
export async function deliverDue(options: DeliverOptions): Promise<DeliverySummary> {
  const now = options.now ?? (() => new Date());
  const send = options.send ?? sendMail;
  const summary: DeliverySummary = { sent: 0, skipped: 0, retrying: 0, failed: 0 };
  // One read of a period's ranked papers for the whole run, shared by the deliveries sent side by side.
  const papersByPeriod = new Map<string, Promise<DigestPaper[]>>(
    [...(options.rankedByPeriod ?? [])].map(([key, papers]) => [key, Promise.resolve(papers)]),
  );
  const rankedFor = (delivery: ClaimedDelivery) => {
    const key = periodCacheKey(delivery.frequency, delivery.periodKey);
    let papers = papersByPeriod.get(key);
    if (!papers) {
      papers = getRankedPeriodPapers(periodOfDelivery(delivery));
      papersByPeriod.set(key, papers);
    }
    return papers;
  };

  // A "for you" digest ranks the period's papers for its reader: the period's vectors are made once a run.
  const pools = new Map<string, Promise<Pool>>();
  const personalFor = async (delivery: ClaimedDelivery, userId: string): Promise<DigestPaper[] | null> => {
    const key = periodCacheKey(delivery.frequency, delivery.periodKey);
    let pool = pools.get(key);
    if (!pool) {
      pool = getPeriodPool(periodOfDelivery(delivery));
      pools.set(key, pool);
    }
    const [{ papers, corpus }, signals] = await Promise.all([pool, getReaderSignals(userId)]);
    if (!hasSignals(signals)) return null; // nothing to go on yet: the community's ranking
    const ranked = rankForReader({
      candidates: papers,
      corpus,
      liked: likedVectors(signals, corpus),
      follows: signals.follows,
      limit: env.DIGEST_SIZE * 5,
    });
    return ranked.map(({ paper, reasons }) => ({
      arxivId: paper.arxivId,
      title: paper.title,
      abstract: paper.abstract,
      authorCount: paper.authorCount,
      upvotes: paper.upvotes,
      feedDay: paper.feedDay,
      ...(reasons.length ? { why: reasons.map(describeReason).join(" · ") } : {}),
    }));
  };

  const deliver = async (delivery: ClaimedDelivery) => {
    const { subscriber } = delivery;
    if (subscriber.status !== "active") {
      await markDeliverySkipped(delivery.id, options.workerId, `subscriber is ${subscriber.status}`);
      summary.skipped += 1;
      return;
    }
    const personal = subscriber.mode === "for_you" && subscriber.userId ? await personalFor(delivery, subscriber.userId) : null;
    const email = composeDigest({
      appUrl,
      period: periodOfDelivery(delivery),
      ranked: personal ?? (await rankedFor(delivery)),
      recipient: {
        frequency: delivery.frequency,
        mode: personal ? "for_you" : "community",
        keywords: parseStoredKeywords(subscriber.keywords),
        token: subscriber.token,
      },
      size: env.DIGEST_SIZE,
    });
    if (!email) {
      await markDeliverySkipped(delivery.id, options.workerId, "no paper of the period matches the subscriber's keywords");
      summary.skipped += 1;
      return;
    }
    try {
      const { messageId } = await send({
        to: subscriber.email,
        subject: email.subject,
        html: email.html,
        text: email.text,
        headers: email.headers,
      });
      await markDeliverySent(delivery.id, options.workerId, { messageId, paperCount: email.arxivIds.length });
      summary.sent += 1;
    } catch (error) {
      const outcome = await settleFailedSend({
        error,
        attempts: delivery.attempts,
        now: now(),
        what: `Digest to ${subscriber.email}`,
        retry: (next, reason) => markDeliveryRetry(delivery.id, options.workerId, next, reason),
        fail: (reason) => markDeliveryFailed(delivery.id, options.workerId, reason),
        log: options.log,
      });
      summary[outcome] += 1;
    }
  };

  await drainOutbox(
    (limit) =>
      claimDeliveries({
        workerId: options.workerId,
        now: now(),
        leaseSeconds: env.DIGEST_LEASE_SECONDS,
        limit,
        frequency: options.frequency,
        periodKey: options.periodKey,
      }),
    deliver,
  );
  return summary;
}

export interface DigestRun extends DeliverySummary {
  period: Period;
  frequency: DigestFrequency;
  papers: number;
  planned: number;
}

/** The digest of one period: plan a delivery per active subscriber, then send what is due. */
export async function runDigest(
  options: DeliverOptions & {
    frequency: DigestFrequency;
    period: Period;
    ranked?: DigestPaper[];
    /** Plan the period's digest for this subscriber only (a test, or a resend by hand). */
    onlyEmail?: string;
  },
): Promise<DigestRun> {
  const now = options.now ?? (() => new Date());
  const papers = options.ranked ?? (await getRankedPeriodPapers(options.period));
  const base = { period: options.period, frequency: options.frequency, papers: papers.length };
  if (papers.length === 0) return { ...base, planned: 0, sent: 0, skipped: 0, retrying: 0, failed: 0 };
  const planned = await planDeliveries(options.frequency, options.period.key, now(), options.onlyEmail ?? null);
  const summary = await deliverDue({
    ...options,
    periodKey: options.period.key,
    rankedByPeriod: new Map([[periodCacheKey(options.frequency, options.period.key), papers]]),
  });
  return { ...base, planned, ...summary };
}
