import "server-only";
import PgBoss from "pg-boss";
import { parsePeriod } from "@/lib/dates";
import { scheduledPeriod } from "@/lib/digest/period";
import { frequencySchema } from "@/lib/digest/schema";
import { deliverDue, newWorkerId, runDigest } from "@/lib/digest/send";
import { closeMailTransport } from "@/lib/email/transport";
import { env } from "@/lib/env";
import { forgetHeartbeat, recordHeartbeat } from "@/lib/health/mutations";
import { runScheduledIngest } from "@/lib/ingest/scheduled";
import { deliverReplyEmails } from "@/lib/notifications/send";
import { embedMissing, ensureModel } from "@/lib/search/vectors/embed";
import { wakeOnNotify } from "./wake";

/**
 * The job queue, kept in PostgreSQL by pg-boss (its own `pgboss` schema). Schedules are
 * stored in the database, so any number of workers can run: pg-boss hands each scheduled job to one.
 */
export const QUEUES = {
  /** Cron: the daily digest of the day before, at DIGEST_HOUR in DIGEST_TIME_ZONE. */
  daily: "digest-daily",
  /** Cron: the weekly digest of the week before, Mondays at DIGEST_HOUR. */
  weekly: "digest-weekly",
  /** Cron, every minute: deliveries that are due again after a temporary SMTP failure. */
  retry: "digest-retry",
  /** On demand: one period's digest, { frequency, periodKey }. */
  send: "digest-send",
  /**
   * Cron, every minute, and on demand when a reply queues an email (the database's
   * `reply_notifications` notification): "someone replied to your comment" emails that are due.
   */
  replies: "reply-emails",
  /**
   * Cron, every minute, and on demand when papers come or their words change (the database's
   * `paper_vectors` notification): search vectors for the papers that have none (lib/search/vectors).
   */
  vectors: "paper-vectors",
  /** Cron, INGEST_CRON (none when unset): new papers from Hugging Face's daily list and arXiv (lib/ingest/scheduled.ts). */
  ingest: "ingest",
} as const;

/** The channel papers_need_vectors and papers_forget_vector notify (migration 20261204000000_semantic_search). */
const VECTORS_CHANNEL = "paper_vectors";

/** The channel the reply trigger notifies (prisma/migrations/*_reply_emails). */
const REPLY_CHANNEL = "reply_notifications";

const RETRY_CRON = "* * * * *";
/** How often a worker says it is alive (lib/health reports it down after WORKER_STALE_SECONDS). */
const HEARTBEAT_MS = 10_000;
/**
 * How long a job may run before pg-boss gives up on it (the handler is abandoned and the job retried,
 * by this worker or another): a backstop, since every send and statement is bounded on its own. A
 * digest to 100,000 subscribers takes ~3 minutes.
 */
const JOB_EXPIRY_SECONDS: Record<string, number> = {
  [QUEUES.daily]: 3_600,
  [QUEUES.weekly]: 3_600,
  [QUEUES.send]: 3_600,
  [QUEUES.retry]: 900,
  [QUEUES.replies]: 900,
  [QUEUES.vectors]: 1_800,
  [QUEUES.ingest]: 3_600,
};
const JOB_RETRY_LIMIT = 3;
const JOB_RETRY_DELAY_SECONDS = 60;

export const cronFor = (queue: "daily" | "weekly", hour: number) => (queue === "daily" ? `0 ${hour} * * *` : `0 ${hour} * * 1`);

export interface Worker {
  boss: PgBoss;
  /** Stops taking jobs and waits up to `timeoutMs` (default 20 s) for the active ones. */
  stop(options?: { timeoutMs?: number }): Promise<void>;
}

export async function startWorker(options: { connectionString: string; log?: (message: string) => void }): Promise<Worker> {
  const log = options.log ?? ((message: string) => console.log(`[worker] ${message}`));
  const boss = new PgBoss({ connectionString: options.connectionString, application_name: "daily-papers-worker", max: 4 });
  boss.on("error", (error) => log(`queue error: ${error.message}`));
  await boss.start();
  for (const name of Object.values(QUEUES)) {
    const settings = {
      name,
      retryLimit: JOB_RETRY_LIMIT,
      retryDelay: JOB_RETRY_DELAY_SECONDS,
      retryBackoff: true,
      expireInSeconds: JOB_EXPIRY_SECONDS[name] ?? 900,
    };
    // Queues made by an older version are brought to today's settings.
    if (await boss.getQueue(name)) await boss.updateQueue(name, settings);
    else await boss.createQueue(name, settings);
  }
  await boss.schedule(QUEUES.daily, cronFor("daily", env.DIGEST_HOUR), {}, { tz: env.DIGEST_TIME_ZONE });
  await boss.schedule(QUEUES.weekly, cronFor("weekly", env.DIGEST_HOUR), {}, { tz: env.DIGEST_TIME_ZONE });
  await boss.schedule(QUEUES.retry, RETRY_CRON, {}, { tz: "UTC" });
  await boss.schedule(QUEUES.replies, RETRY_CRON, {}, { tz: "UTC" });
  await boss.schedule(QUEUES.vectors, RETRY_CRON, {}, { tz: "UTC" });
  // Schedules live in the database: one left by an earlier configuration is taken away.
  if (env.INGEST_CRON) await boss.schedule(QUEUES.ingest, env.INGEST_CRON, {}, { tz: "UTC" });
  else await boss.unschedule(QUEUES.ingest);
  await ensureModel(log);

  const workerId = newWorkerId();
  const beat = () => recordHeartbeat(workerId).catch((error: Error) => log(`heartbeat not recorded: ${error.message}`));
  await beat();
  const heartbeat = setInterval(() => void beat(), HEARTBEAT_MS);
  heartbeat.unref();
  const report = (label: string, run: { sent: number; skipped: number; retrying: number; failed: number }) =>
    log(`${label}: sent ${run.sent}, skipped ${run.skipped}, retrying ${run.retrying}, failed ${run.failed}`);

  for (const frequency of ["daily", "weekly"] as const) {
    await boss.work(QUEUES[frequency], async () => {
      const period = scheduledPeriod(frequency, env.DIGEST_TIME_ZONE);
      report(`${frequency} digest ${period.key}`, await runDigest({ frequency, period, workerId, log }));
    });
  }
  await boss.work(QUEUES.retry, async () => {
    const run = await deliverDue({ workerId, log });
    if (run.sent + run.failed + run.retrying > 0) report("retries", run);
  });
  await boss.work<{ frequency?: unknown; periodKey?: unknown }>(QUEUES.send, async ([job]) => {
    const frequency = frequencySchema.parse(job?.data.frequency);
    const period = parsePeriod(frequency === "daily" ? "day" : "week", String(job?.data.periodKey));
    if (!period) throw new Error(`Bad period ${String(job?.data.periodKey)}`);
    report(`${frequency} digest ${period.key}`, await runDigest({ frequency, period, workerId, log }));
  });
  await boss.work(QUEUES.replies, async () => {
    const run = await deliverReplyEmails({ workerId, log });
    if (run.sent + run.failed + run.retrying + run.skipped > 0) report("reply emails", run);
  });
  await boss.work(QUEUES.vectors, async () => {
    const run = await embedMissing({ log });
    if (run.embedded > 0) log(`search vectors: ${run.embedded} papers in ${run.seconds.toFixed(1)} s`);
  });
  await boss.work(QUEUES.ingest, async () => {
    const runs = await runScheduledIngest({ log });
    log(`ingest: ${runs.map((run) => `${run.source} ${run.error ? `failed (${run.error})` : `+${run.added}`}`).join(", ")}`);
  });
  const wakeVectors = wakeOnNotify({
    connectionString: options.connectionString,
    channel: VECTORS_CHANNEL,
    onWake: () =>
      void boss
        .send(QUEUES.vectors, {}, { singletonKey: "wake", singletonSeconds: 5 })
        .catch((error: Error) => log(`could not queue search vectors: ${error.message}`)),
    log,
  });
  const wake = wakeOnNotify({
    connectionString: options.connectionString,
    channel: REPLY_CHANNEL,
    onWake: () =>
      void boss.send(QUEUES.replies, {}).catch((error: Error) => log(`could not queue reply emails: ${error.message}`)),
    log,
  });
  log(
    `digest worker ${workerId} started (daily at ${env.DIGEST_HOUR}:00 ${env.DIGEST_TIME_ZONE}, weekly on Mondays; ` +
      `ingestion ${env.INGEST_CRON ? `"${env.INGEST_CRON}" UTC from ${env.INGEST_SOURCES.join(", ")}` : "off (INGEST_CRON unset)"})`,
  );

  return {
    boss,
    async stop({ timeoutMs = 20_000 } = {}) {
      clearInterval(heartbeat);
      await forgetHeartbeat(workerId).catch(() => {});
      await Promise.all([wake.stop(), wakeVectors.stop()]);
      await boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
      closeMailTransport();
    },
  };
}
