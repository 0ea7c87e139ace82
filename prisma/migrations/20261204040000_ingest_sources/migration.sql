-- Scheduled ingestion (lib/ingest/scheduled.ts): one row per source, where the next run starts from
-- (the cursor), how the last runs went, and how many papers it brought in.
CREATE TABLE "ingest_sources" (
    "source" TEXT NOT NULL PRIMARY KEY CHECK ("source" IN ('hf-daily', 'arxiv')),
    "cursor" TEXT,
    "last_run_at" TIMESTAMPTZ(3),
    "last_success_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "last_error_at" TIMESTAMPTZ(3),
    "last_added" INTEGER NOT NULL DEFAULT 0 CHECK ("last_added" >= 0),
    "papers_added" BIGINT NOT NULL DEFAULT 0 CHECK ("papers_added" >= 0)
);
