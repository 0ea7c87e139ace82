import "server-only";
import { db } from "@/lib/db";
import { type Limit, RATE_LIMIT_RETENTION_SECONDS } from "./limits";

export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until the window resets (for Retry-After). */
  retryAfterSeconds: number;
  remaining: number;
}

/** One cleanup per this many calls keeps the table small without a scheduled job. */
const CLEANUP_EVERY = 200;

/**
 * Counts one request against `limit` for `subject` (an email, an IP, a user id) in a fixed window.
 * The counter lives in PostgreSQL, so every server process shares it, and the increment is one atomic
 * upsert: concurrent requests cannot both slip under the limit.
 */
export async function consumeRateLimit(limit: Limit, subject: string, now: Date = new Date()): Promise<RateLimitResult> {
  const windowMs = limit.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const key = `${limit.name}:${subject.toLowerCase()}`;
  const [row] = await db.$queryRaw<{ hits: number }[]>`
    INSERT INTO rate_limits (key, window_start, hits) VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limits.hits + 1
    RETURNING hits`;
  if (Math.random() * CLEANUP_EVERY < 1) {
    await db.$executeRaw`DELETE FROM rate_limits WHERE window_start < ${new Date(now.getTime() - RATE_LIMIT_RETENTION_SECONDS * 1000)}`;
  }
  const hits = row?.hits ?? 1;
  return {
    allowed: hits <= limit.max,
    retryAfterSeconds: Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000)),
    remaining: Math.max(0, limit.max - hits),
  };
}

/** Counts against several limits at once; the answer is the strictest. */
export async function consumeRateLimits(
  checks: readonly (readonly [Limit, string])[],
  now: Date = new Date(),
): Promise<RateLimitResult> {
  const results = await Promise.all(checks.map(([limit, subject]) => consumeRateLimit(limit, subject, now)));
  const denied = results.filter((result) => !result.allowed);
  if (denied.length > 0) {
    return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(...denied.map((result) => result.retryAfterSeconds)) };
  }
  return { allowed: true, remaining: Math.min(...results.map((r) => r.remaining)), retryAfterSeconds: 0 };
}
