import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";

/**
 * Turns reply emails on or off for a signed-in reader. The unsubscribe token is made the first time
 * and then kept, so links in emails already sent keep working.
 */
export async function setReplyEmails(userId: string, enabled: boolean): Promise<void> {
  const token = randomBytes(32).toString("base64url");
  await db.$executeRaw`
    UPDATE users SET reply_emails = ${enabled}, reply_email_token = COALESCE(reply_email_token, ${token})
    WHERE id = ${userId}`;
}

/** The one-click link: off, whoever clicks (the token is the credential). False for an unknown token. */
export async function stopReplyEmails(token: string): Promise<boolean> {
  const { count } = await db.user.updateMany({ where: { replyEmailToken: token }, data: { replyEmails: false } });
  return count === 1;
}

export interface ClaimedReplyNotification {
  id: number;
  recipientId: string;
  threadId: number;
  sinceReplyId: number;
  attempts: number;
}

/**
 * Claims up to `limit` reply emails that are due: pending and due, or left `sending` by a worker whose
 * lease ran out. SKIP LOCKED lets several workers claim different rows at once; `claimed_at` starts the
 * thread's quiet hour (reply_notifications_queue).
 */
export async function claimReplyNotifications(options: {
  workerId: string;
  now: Date;
  leaseSeconds: number;
  limit: number;
}): Promise<ClaimedReplyNotification[]> {
  const leaseUntil = new Date(options.now.getTime() + options.leaseSeconds * 1000);
  const rows = await db.$queryRaw<
    { id: number; recipient_id: string; thread_id: number; since_reply_id: number; attempts: number }[]
  >`
    WITH expired AS (
      SELECT id FROM reply_notifications
      WHERE status = 'sending' AND lease_until < ${options.now}
      ORDER BY lease_until LIMIT ${options.limit} FOR UPDATE SKIP LOCKED
    ), due AS (
      SELECT id FROM reply_notifications
      WHERE status = 'pending' AND next_attempt_at <= ${options.now}
      ORDER BY next_attempt_at LIMIT ${options.limit} FOR UPDATE SKIP LOCKED
    )
    UPDATE reply_notifications r
    SET status = 'sending', claimed_at = ${options.now}, lease_until = ${leaseUntil}, claimed_by = ${options.workerId},
        attempts = r.attempts + 1
    WHERE r.id = ANY (ARRAY(SELECT id FROM expired) || ARRAY(SELECT id FROM due))
    RETURNING r.id, r.recipient_id, r.thread_id, r.since_reply_id, r.attempts`;
  return rows.map((row) => ({
    id: row.id,
    recipientId: row.recipient_id,
    threadId: row.thread_id,
    sinceReplyId: row.since_reply_id,
    attempts: row.attempts,
  }));
}

/** Only the worker holding the claim may settle it. */
const held = (id: number, workerId: string) => ({ id, claimedBy: workerId, status: "sending" as const });

/**
 * Records the email as sent, and queues the next one of the thread, due an hour after this one, if
 * replies arrived while it was being written (they joined this open row, but the email did not tell
 * of them).
 */
export async function markReplyNotificationSent(
  id: number,
  workerId: string,
  result: { messageId: string; replyCount: number; throughReplyId: number },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const sent = await tx.replyNotification.updateManyAndReturn({
      where: held(id, workerId),
      data: {
        status: "sent",
        sentAt: new Date(),
        messageId: result.messageId,
        replyCount: result.replyCount,
        throughReplyId: result.throughReplyId,
        leaseUntil: null,
        lastError: null,
      },
      select: { recipientId: true, threadId: true, claimedAt: true },
    });
    const row = sent[0];
    if (!row) return false;
    await tx.$executeRaw`
      INSERT INTO reply_notifications (recipient_id, thread_id, since_reply_id, next_attempt_at)
      SELECT ${row.recipientId}, ${row.threadId}, min(c.id), ${row.claimedAt}::timestamptz + interval '1 hour'
      FROM comments c
      WHERE c.parent_id = ${row.threadId} AND c.id > ${result.throughReplyId} AND c.author_id <> ${row.recipientId}
        AND c.deleted_at IS NULL AND c.hidden_at IS NULL
      HAVING count(*) > 0
      ON CONFLICT (recipient_id, thread_id) WHERE status IN ('pending', 'sending') DO NOTHING`;
    return true;
  });
}

export async function markReplyNotificationSkipped(id: number, workerId: string, reason: string) {
  await db.replyNotification.updateMany({
    where: held(id, workerId),
    data: { status: "skipped", lastError: reason, leaseUntil: null, replyCount: 0 },
  });
}

export async function markReplyNotificationRetry(id: number, workerId: string, nextAttemptAt: Date, error: string) {
  await db.replyNotification.updateMany({
    where: held(id, workerId),
    data: { status: "pending", nextAttemptAt, lastError: error, leaseUntil: null },
  });
}

export async function markReplyNotificationFailed(id: number, workerId: string, error: string) {
  await db.replyNotification.updateMany({
    where: held(id, workerId),
    data: { status: "failed", lastError: error, leaseUntil: null },
  });
}
