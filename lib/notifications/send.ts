import "server-only";
import { drainOutbox, settleFailedSend } from "@/lib/email/retry";
import { type OutgoingMessage, sendMail } from "@/lib/email/transport";
import { appUrl, env } from "@/lib/env";
import { composeReplyEmail } from "./compose";
import { getReplyEmailContext } from "./data";
import {
  type ClaimedReplyNotification,
  claimReplyNotifications,
  markReplyNotificationFailed,
  markReplyNotificationRetry,
  markReplyNotificationSent,
  markReplyNotificationSkipped,
} from "./mutations";

export interface ReplyEmailRun {
  sent: number;
  skipped: number;
  retrying: number;
  failed: number;
}

/**
 * Sends every reply email that is due, a batch at a time, as the digest is sent (lib/digest/send.ts):
 * claimed in the database first and marked after, so concurrent workers and restarts never send one
 * twice, temporary SMTP failures come back with backoff, and what changed since the reply (the reader
 * turned the emails off, the replies were deleted or hidden) is honoured at sending time.
 */
export async function deliverReplyEmails(options: {
  workerId: string;
  now?: () => Date;
  send?: (message: OutgoingMessage) => Promise<{ messageId: string }>;
  log?: (message: string) => void;
}): Promise<ReplyEmailRun> {
  const now = options.now ?? (() => new Date());
  const send = options.send ?? sendMail;
  const run: ReplyEmailRun = { sent: 0, skipped: 0, retrying: 0, failed: 0 };
  const skip = async (claimed: ClaimedReplyNotification, reason: string) => {
    await markReplyNotificationSkipped(claimed.id, options.workerId, reason);
    run.skipped += 1;
  };

  const deliver = async (claimed: ClaimedReplyNotification) => {
    const context = await getReplyEmailContext(claimed);
    if (!context) return skip(claimed, "the thread or its author is gone");
    const { email, replyEmails, token } = context.recipient;
    if (!replyEmails || !token) return skip(claimed, "the reader turned reply emails off");
    if (!email) return skip(claimed, "the reader has no email address");
    if (context.replyCount === 0) return skip(claimed, "the replies were deleted or hidden");
    const message = composeReplyEmail({ appUrl, context, token });
    try {
      const { messageId } = await send({ to: email, ...message });
      await markReplyNotificationSent(claimed.id, options.workerId, {
        messageId,
        replyCount: context.replyCount,
        throughReplyId: context.throughReplyId,
      });
      run.sent += 1;
    } catch (error) {
      const outcome = await settleFailedSend({
        error,
        attempts: claimed.attempts,
        now: now(),
        what: `Reply email to ${email}`,
        retry: (next, reason) => markReplyNotificationRetry(claimed.id, options.workerId, next, reason),
        fail: (reason) => markReplyNotificationFailed(claimed.id, options.workerId, reason),
        log: options.log,
      });
      run[outcome] += 1;
    }
  };

  await drainOutbox(
    (limit) => claimReplyNotifications({ workerId: options.workerId, now: now(), leaseSeconds: env.DIGEST_LEASE_SECONDS, limit }),
    deliver,
  );
  return run;
}
