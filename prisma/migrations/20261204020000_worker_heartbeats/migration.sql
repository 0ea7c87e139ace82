-- Each running job worker says it is alive every few seconds (lib/jobs/worker.ts); readiness and
-- /api/health/worker report a worker whose last word is too old (lib/health).
CREATE TABLE "worker_heartbeats" (
    "worker_id" TEXT NOT NULL PRIMARY KEY,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    "beat_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
