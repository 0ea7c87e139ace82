import "server-only";
import { db } from "@/lib/db";
import type { IngestSourceName } from "./data";

/** A run that got somewhere: the cursor moves (when given) and the papers it added are counted. */
export async function recordIngestSuccess(source: IngestSourceName, outcome: { cursor?: string | null; added: number }) {
  await db.$executeRaw`
    INSERT INTO ingest_sources (source, cursor, last_run_at, last_success_at, last_added, papers_added)
    VALUES (${source}, ${outcome.cursor ?? null}, now(), now(), ${outcome.added}, ${outcome.added})
    ON CONFLICT (source) DO UPDATE SET
      cursor = coalesce(EXCLUDED.cursor, ingest_sources.cursor),
      last_run_at = now(), last_success_at = now(), last_error = NULL, last_error_at = NULL,
      last_added = EXCLUDED.last_added, papers_added = ingest_sources.papers_added + EXCLUDED.last_added`;
}

/** A run that failed: the reason is kept (the cursor stays, so the next run starts where this one did). */
export async function recordIngestFailure(
  source: IngestSourceName,
  reason: string,
  outcome: { cursor?: string | null; added: number },
) {
  await db.$executeRaw`
    INSERT INTO ingest_sources (source, cursor, last_run_at, last_error, last_error_at, last_added, papers_added)
    VALUES (${source}, ${outcome.cursor ?? null}, now(), ${reason.slice(0, 500)}, now(), ${outcome.added}, ${outcome.added})
    ON CONFLICT (source) DO UPDATE SET
      cursor = coalesce(EXCLUDED.cursor, ingest_sources.cursor),
      last_run_at = now(), last_error = EXCLUDED.last_error, last_error_at = now(),
      last_added = EXCLUDED.last_added, papers_added = ingest_sources.papers_added + EXCLUDED.last_added`;
}
