import { describeSendError, isPermanentSendError } from "./transport";

/** Attempts before an email (a digest, a reply email) is recorded as failed. */
export const MAX_DELIVERY_ATTEMPTS = 8;
/** Retry delay after the n-th failed attempt: 1, 2, 4... minutes, at most an hour. */
export const RETRY_BASE_SECONDS = 60;
export const RETRY_MAX_SECONDS = 3_600;

export const retryDelaySeconds = (attempts: number) =>
  Math.min(RETRY_BASE_SECONDS * 2 ** Math.max(0, attempts - 1), RETRY_MAX_SECONDS);

/**
 * After an email of an outbox (digest deliveries, reply emails) could not be sent: for good when
 * the server refused it permanently or it was the last attempt, otherwise again after a backoff.
 * The caller's `retry` and `fail` record which, on the claimed row.
 */
export async function settleFailedSend(options: {
  error: unknown;
  attempts: number;
  now: Date;
  what: string;
  retry: (next: Date, reason: string) => Promise<void>;
  fail: (reason: string) => Promise<void>;
  log?: (message: string) => void;
}): Promise<"retrying" | "failed"> {
  const reason = describeSendError(options.error);
  if (isPermanentSendError(options.error) || options.attempts >= MAX_DELIVERY_ATTEMPTS) {
    await options.fail(`${reason} (attempt ${options.attempts})`);
    options.log?.(`${options.what} failed for good: ${reason}`);
    return "failed";
  }
  const next = new Date(options.now.getTime() + retryDelaySeconds(options.attempts) * 1000);
  await options.retry(next, reason);
  options.log?.(`${options.what} will be retried at ${next.toISOString()}: ${reason}`);
  return "retrying";
}

/**
 * Rows of an outbox (digest deliveries, reply emails) claimed per statement. They are then sent side
 * by side (the SMTP pool sets how many at once, lib/email/transport.ts), each marked as soon as the
 * server accepted it; a worker killed mid-batch leaves the rest of its claim to expire and be taken over.
 */
export const CLAIM_BATCH_SIZE = 50;

/** Claims and delivers an outbox's due rows, a batch at a time, until none is left. */
export async function drainOutbox<T>(claim: (limit: number) => Promise<T[]>, deliver: (row: T) => Promise<void>): Promise<void> {
  for (;;) {
    const batch = await claim(CLAIM_BATCH_SIZE);
    if (batch.length === 0) return;
    await Promise.all(batch.map(deliver));
  }
}
