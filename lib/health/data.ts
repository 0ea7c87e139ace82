import { db } from "@/lib/db";

/** The readiness check's query may take this long before the database counts as unavailable. */
const READY_TIMEOUT_MS = 2_000;

/** Whether the database answers a trivial query within READY_TIMEOUT_MS. */
export async function databaseAnswers(): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS);
  });
  try {
    return await Promise.race([db.$queryRaw`SELECT 1`.then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** A worker that has not said it is alive for this long is reported down. */
export const WORKER_STALE_SECONDS = 45;

export type WorkerStatus = "up" | "down" | "none";

/**
 * Whether a job worker is alive: "up" when one has beaten within WORKER_STALE_SECONDS, "down" when
 * the last heartbeats are older (a worker that died or hangs its event loop), "none" when no worker
 * has ever run on this database.
 */
export async function workerStatus(): Promise<{ status: WorkerStatus; lastBeatSecondsAgo: number | null }> {
  const [row] = await db.$queryRaw<{ seconds: number | null }[]>`
    SELECT EXTRACT(EPOCH FROM now() - max(beat_at))::float8 AS seconds FROM worker_heartbeats`;
  const seconds = row?.seconds ?? null;
  if (seconds === null) return { status: "none", lastBeatSecondsAgo: null };
  return { status: seconds <= WORKER_STALE_SECONDS ? "up" : "down", lastBeatSecondsAgo: Math.round(seconds) };
}
