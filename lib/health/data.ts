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

/** What decides whether cache misses read from memory or from disk: PostgreSQL's cache and the catalogue's size. */
export interface DatabaseMemory {
  sharedBuffersBytes: number;
  /** Tables and indexes the pages read (papers with its TOAST and indexes, the vectors). */
  catalogueBytes: number;
  papers: number;
}

export async function getDatabaseMemory(): Promise<DatabaseMemory> {
  const [row] = await db.$queryRaw<{ shared_buffers: bigint; catalogue: bigint; papers: bigint }[]>`
    SELECT (SELECT setting::bigint * 8192 FROM pg_settings WHERE name = 'shared_buffers') AS shared_buffers,
           pg_total_relation_size('papers') + coalesce(pg_total_relation_size(to_regclass('paper_vectors')), 0) AS catalogue,
           (SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = 'papers'::regclass) AS papers`;
  return {
    sharedBuffersBytes: Number(row?.shared_buffers ?? 0),
    catalogueBytes: Number(row?.catalogue ?? 0),
    papers: Number(row?.papers ?? 0),
  };
}
