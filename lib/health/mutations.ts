import { db } from "@/lib/db";

/** A worker says it is alive (and, the first time, that it started). */
export async function recordHeartbeat(workerId: string): Promise<void> {
  await db.$executeRaw`
    INSERT INTO worker_heartbeats (worker_id) VALUES (${workerId})
    ON CONFLICT (worker_id) DO UPDATE SET beat_at = now()`;
}

/** A worker stopping cleanly takes its heartbeat away, and forgets those of workers gone for a day. */
export async function forgetHeartbeat(workerId: string): Promise<void> {
  await db.$executeRaw`
    DELETE FROM worker_heartbeats WHERE worker_id = ${workerId} OR beat_at < now() - interval '1 day'`;
}
