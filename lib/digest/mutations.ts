import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { storeKeywords } from "./keywords";
import type { DigestFrequency, Preferences } from "./schema";

export const newSubscriberToken = () => randomBytes(32).toString("base64url");

export interface SubscriptionRequest {
  /** What happened, for the caller to decide which email to send (the page says the same in every case). */
  outcome: "created" | "pending" | "reactivated" | "already-active";
  email: string;
  token: string;
  status: "pending" | "active" | "paused" | "unsubscribed";
}

/**
 * Someone asks for the digest. A new or returning address becomes `pending` until it confirms from
 * its inbox; an address the caller has verified (a signed-in user's) becomes `active` at once.
 * Concurrent requests for one address meet on the unique email and end as one subscriber.
 */
export async function requestSubscription(email: string, verifiedUserId?: string): Promise<SubscriptionRequest> {
  const activeNow = verifiedUserId !== undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    const existing = await db.subscriber.findUnique({ where: { email } });
    if (!existing) {
      try {
        const created = await db.subscriber.create({
          data: {
            email,
            token: newSubscriberToken(),
            status: activeNow ? "active" : "pending",
            confirmedAt: activeNow ? new Date() : null,
            userId: verifiedUserId ?? null,
          },
        });
        return { outcome: "created", email, token: created.token, status: created.status };
      } catch (error) {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") continue; // lost a race
        throw error;
      }
    }
    if (existing.status === "active" || existing.status === "paused") {
      return { outcome: "already-active", email, token: existing.token, status: existing.status };
    }
    if (existing.status === "pending" && !activeNow) {
      return { outcome: "pending", email, token: existing.token, status: existing.status };
    }
    const updated = await db.subscriber.update({
      where: { id: existing.id },
      data: {
        status: activeNow ? "active" : "pending",
        confirmedAt: activeNow ? new Date() : existing.confirmedAt,
        unsubscribedAt: null,
        ...(verifiedUserId ? { userId: verifiedUserId } : {}),
      },
    });
    return { outcome: activeNow ? "reactivated" : "pending", email, token: updated.token, status: updated.status };
  }
  throw new Error("Could not record the subscription; try again.");
}

/** The emailed confirmation: pending -> active. Anything else is left as it is. */
export async function confirmSubscription(token: string): Promise<"confirmed" | "already" | "unknown"> {
  const { count } = await db.subscriber.updateMany({
    where: { token, status: "pending" },
    data: { status: "active", confirmedAt: new Date() },
  });
  if (count === 1) return "confirmed";
  return (await db.subscriber.count({ where: { token } })) ? "already" : "unknown";
}

/** Frequency, keywords and pause, from the preferences page. False for an unknown token. */
export async function updatePreferences(preferences: Preferences): Promise<boolean> {
  const subscriber = await db.subscriber.findUnique({
    where: { token: preferences.token },
    select: { status: true, userId: true },
  });
  if (!subscriber) return false;
  // "for you" ranks by an account's upvotes, saves and follows: an address without one keeps the community's.
  const mode = preferences.mode === "for_you" && subscriber.userId === null ? "community" : preferences.mode;
  const canPause = subscriber.status === "active" || subscriber.status === "paused";
  await db.subscriber.update({
    where: { token: preferences.token },
    data: {
      frequency: preferences.frequency,
      keywords: storeKeywords(preferences.keywords),
      ...(mode ? { mode } : {}),
      ...(canPause ? { status: preferences.paused ? "paused" : "active" } : {}),
    },
  });
  return true;
}

/** One-click unsubscribe (idempotent). False for an unknown token. */
export async function unsubscribe(token: string): Promise<boolean> {
  const subscriber = await db.subscriber.findUnique({ where: { token }, select: { status: true } });
  if (!subscriber) return false;
  if (subscriber.status !== "unsubscribed") {
    await db.subscriber.update({ where: { token }, data: { status: "unsubscribed", unsubscribedAt: new Date() } });
  }
  return true;
}

/** Back on the list from the preferences page (the token came from their inbox, so no new confirmation). */
export async function resubscribe(token: string): Promise<boolean> {
  const { count } = await db.subscriber.updateMany({
    where: { token, status: "unsubscribed" },
    data: { status: "active", unsubscribedAt: null, confirmedAt: new Date() },
  });
  return count === 1 || (await db.subscriber.count({ where: { token } })) === 1;
}

// Deliveries ----------------------------------------------------------------------------------------

export interface ClaimedDelivery {
  id: string;
  frequency: DigestFrequency;
  periodKey: string;
  attempts: number;
  subscriber: {
    email: string;
    token: string;
    keywords: string | null;
    status: string;
    frequency: DigestFrequency;
    mode: "community" | "for_you";
    userId: string | null;
  };
}

/**
 * Creates the (subscriber, period) rows for every active subscriber of this frequency. Idempotent: a
 * second run, or a second worker, finds the rows there and adds nothing.
 *
 * The id is derived from (subscriber, frequency, period), so two workers planning at the same moment
 * can collide on the primary key as well as on the unique (subscriber, frequency, period) index; the
 * conflict clause has no target so that both mean "already planned" instead of an error.
 */
export async function planDeliveries(
  frequency: DigestFrequency,
  periodKey: string,
  now: Date,
  onlyEmail: string | null = null,
): Promise<number> {
  return db.$executeRaw`
    INSERT INTO digest_deliveries (id, subscriber_id, frequency, period_key, status, next_attempt_at)
    SELECT 'd' || md5(s.id || ':' || ${frequency} || ':' || ${periodKey}), s.id, ${frequency}::digest_frequency, ${periodKey},
           'pending', ${now}
    FROM subscribers s
    WHERE s.status = 'active' AND s.frequency = ${frequency}::digest_frequency
      AND (${onlyEmail}::text IS NULL OR s.email = ${onlyEmail}::text)
    ON CONFLICT DO NOTHING`;
}

/**
 * Claims up to `limit` deliveries that are due: pending and due, or left `sending` by a worker whose
 * lease ran out (killed mid-run). One statement claims the batch and reads the subscribers; SKIP
 * LOCKED lets several workers claim different rows at the same time. Each branch walks the
 * (status, next_attempt_at) index in order and stops at `limit`, at any number of deliveries.
 */
export async function claimDeliveries(options: {
  workerId: string;
  now: Date;
  leaseSeconds: number;
  limit: number;
  frequency?: DigestFrequency;
  periodKey?: string;
}): Promise<ClaimedDelivery[]> {
  const leaseUntil = new Date(options.now.getTime() + options.leaseSeconds * 1000);
  const frequency = options.frequency ?? null;
  const periodKey = options.periodKey ?? null;
  const rows = await db.$queryRaw<
    {
      id: string;
      frequency: DigestFrequency;
      period_key: string;
      attempts: number;
      email: string;
      token: string;
      keywords: string | null;
      status: string;
      subscriber_frequency: DigestFrequency;
      mode: "community" | "for_you";
      user_id: string | null;
    }[]
  >`
    WITH expired AS (
      SELECT id FROM digest_deliveries
      WHERE status = 'sending' AND lease_until < ${options.now}
        AND (${frequency}::digest_frequency IS NULL OR frequency = ${frequency}::digest_frequency)
        AND (${periodKey}::text IS NULL OR period_key = ${periodKey}::text)
      ORDER BY lease_until
      LIMIT ${options.limit}
      FOR UPDATE SKIP LOCKED
    ), due AS (
      SELECT id FROM digest_deliveries
      WHERE status = 'pending' AND next_attempt_at <= ${options.now}
        AND (${frequency}::digest_frequency IS NULL OR frequency = ${frequency}::digest_frequency)
        AND (${periodKey}::text IS NULL OR period_key = ${periodKey}::text)
      ORDER BY next_attempt_at
      LIMIT ${options.limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE digest_deliveries d
    SET status = 'sending', lease_until = ${leaseUntil}, claimed_by = ${options.workerId}, attempts = d.attempts + 1
    FROM subscribers s
    WHERE d.id = ANY (ARRAY(SELECT id FROM expired) || ARRAY(SELECT id FROM due)) AND s.id = d.subscriber_id
    RETURNING d.id, d.frequency, d.period_key, d.attempts, s.email, s.token, s.keywords, s.status, s.frequency AS subscriber_frequency,
              s.mode, s.user_id`;
  return rows.map((row) => ({
    id: row.id,
    frequency: row.frequency,
    periodKey: row.period_key,
    attempts: row.attempts,
    subscriber: {
      email: row.email,
      token: row.token,
      keywords: row.keywords,
      status: row.status,
      frequency: row.subscriber_frequency,
      mode: row.mode,
      userId: row.user_id,
    },
  }));
}

/** Only the worker holding the claim may settle it (a worker whose lease was taken over may not). */
const held = (id: string, workerId: string) => ({ id, claimedBy: workerId, status: "sending" as const });

export async function markDeliverySent(id: string, workerId: string, result: { messageId: string; paperCount: number }) {
  const { count } = await db.digestDelivery.updateMany({
    where: held(id, workerId),
    data: {
      status: "sent",
      sentAt: new Date(),
      messageId: result.messageId,
      paperCount: result.paperCount,
      leaseUntil: null,
      lastError: null,
    },
  });
  return count === 1;
}

export async function markDeliverySkipped(id: string, workerId: string, reason: string) {
  await db.digestDelivery.updateMany({
    where: held(id, workerId),
    data: { status: "skipped", lastError: reason, leaseUntil: null, paperCount: 0 },
  });
}

export async function markDeliveryRetry(id: string, workerId: string, nextAttemptAt: Date, error: string) {
  await db.digestDelivery.updateMany({
    where: held(id, workerId),
    data: { status: "pending", nextAttemptAt, lastError: error, leaseUntil: null },
  });
}

export async function markDeliveryFailed(id: string, workerId: string, error: string) {
  await db.digestDelivery.updateMany({
    where: held(id, workerId),
    data: { status: "failed", lastError: error, leaseUntil: null },
  });
}
