import cluster from "node:cluster";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import pg from "pg";
import client from "prom-client";

/**
 * Prometheus metrics (prom-client). Each web process counts its own requests and page cache; the
 * process that answers /metrics on METRICS_PORT (the cluster's primary, or the only process) gathers
 * the workers' counts over the cluster's IPC channel and adds what the database knows: job queue
 * depths and failures, digest deliveries, scheduled ingestion. The port is the operator's (127.0.0.1 unless
 * METRICS_HOST says otherwise): nothing of it is on the public port.
 */
export const registry = new client.Registry();

const durationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const requests = new client.Counter({
  name: "daily_papers_http_requests_total",
  help: "HTTP requests answered, by route, method and status.",
  labelNames: ["route", "method", "status"] as const,
  registers: [registry],
});
const duration = new client.Histogram({
  name: "daily_papers_http_request_duration_seconds",
  help: "Time from a request's arrival to the end of its answer, by route and page cache outcome.",
  labelNames: ["route", "cache"] as const,
  buckets: durationBuckets,
  registers: [registry],
});
const cacheLookups = new client.Counter({
  name: "daily_papers_page_cache_requests_total",
  help: "Answers by page cache outcome: HIT, STALE (kept copy, being refreshed or database away), MISS (rendered), BYPASS (not cacheable).",
  labelNames: ["outcome"] as const,
  registers: [registry],
});

/**
 * Routes as templates: a label per page kind, never per URL (a label per distinct value would let
 * any visitor grow the metrics without bound).
 */
const ROUTES: [RegExp, string][] = [
  [/^\/$/, "/"],
  [/^\/papers\/date\/[^/]+$/, "/papers/date/:day"],
  [/^\/papers\/week\/[^/]+$/, "/papers/week/:week"],
  [/^\/papers\/month\/[^/]+$/, "/papers/month/:month"],
  [/^\/papers\/search$/, "/papers/search"],
  [/^\/papers\/trending$/, "/papers/trending"],
  [/^\/papers\/for-you$/, "/papers/for-you"],
  [/^\/papers\/[^/]+\/card\.png$/, "/papers/:id/card.png"],
  [/^\/papers\/[^/]+$/, "/papers/:id"],
  [/^\/authors\/[^/]+$/, "/authors/:name"],
  [/^\/categories\/[^/]+$/, "/categories/:category"],
  [/^\/api\/health(\/\w+)?$/, "/api/health"],
  [/^\/api\/papers\/search$/, "/api/papers/search"],
  [/^\/api\/papers\/[^/]+$/, "/api/papers/:id"],
  [/^\/api\/authors\/[^/]+\/papers$/, "/api/authors/:name/papers"],
  [/^\/api\/auth\//, "/api/auth/*"],
  [/^\/api\/[\w-]+$/, "/api/:name"],
  [/^\/feeds\//, "/feeds/*"],
  [/^\/_next\/static\//, "/_next/static/*"],
  [/^\/_next\//, "/_next/*"],
];

export function routeOf(url: string | undefined): string {
  const path = (url ?? "/").split("?", 1)[0] ?? "/";
  for (const [pattern, route] of ROUTES) if (pattern.test(path)) return route;
  return "other";
}

/** Counts one answer when it is sent (or the connection closes first, as status 499). */
export function observeRequest(request: IncomingMessage, response: ServerResponse, startedAt: bigint): void {
  let counted = false;
  const count = () => {
    if (counted) return;
    counted = true;
    const route = routeOf(request.url);
    const status = response.writableFinished ? String(response.statusCode) : "499";
    const header = response.getHeader("x-page-cache");
    const cache = typeof header === "string" ? header : "BYPASS";
    requests.inc({ route, method: request.method ?? "GET", status });
    duration.observe({ route, cache }, Number(process.hrtime.bigint() - startedAt) / 1e9);
    cacheLookups.inc({ outcome: cache });
  };
  response.once("finish", count);
  response.once("close", count);
}

/** This process's page cache size, read when metrics are gathered. */
export function watchPageCache(cache: { bytes: number; size: number }): void {
  new client.Gauge({
    name: "daily_papers_page_cache_bytes",
    help: "Bytes of pages kept in memory (summed over web processes).",
    registers: [registry],
    collect() {
      this.set(cache.bytes);
    },
  });
  new client.Gauge({
    name: "daily_papers_page_cache_entries",
    help: "Pages kept in memory (summed over web processes).",
    registers: [registry],
    collect() {
      this.set(cache.size);
    },
  });
}

/** This process's database connection pools (lib/db.ts), read when metrics are gathered. */
export function watchDatabasePools(counts: () => { pool: string; total: number; idle: number; waiting: number }[]): void {
  new client.Gauge({
    name: "daily_papers_db_pool_connections",
    help: "Database connections of the web processes' pools by state (total open, idle), and requests waiting for one (summed over web processes).",
    labelNames: ["pool", "state"] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const { pool, total, idle, waiting } of counts()) {
        this.set({ pool, state: "total" }, total);
        this.set({ pool, state: "idle" }, idle);
        this.set({ pool, state: "waiting" }, waiting);
      }
    },
  });
}

/**
 * A web process counts: its process figures (memory, CPU, event loop lag) too, and in a cluster it
 * answers the primary's requests for them.
 */
export function collectProcessMetrics(): void {
  client.collectDefaultMetrics({ register: registry });
  if (!cluster.isWorker) return;
  client.AggregatorRegistry.setRegistries([registry]);
  new client.AggregatorRegistry();
}

/** What the database says, gathered at each scrape (one connection, statements bounded). */
function databaseMetrics(connectionString: string): client.Registry {
  const own = new client.Registry();
  const pool = new pg.Pool({ connectionString, max: 1, statement_timeout: 2_000, idleTimeoutMillis: 30_000 });
  pool.on("error", () => {});
  const query = async <T extends pg.QueryResultRow>(sql: string): Promise<T[]> => {
    try {
      return (await pool.query<T>(sql)).rows;
    } catch {
      return []; // the database away: those series are absent, which is itself what to alert on
    }
  };
  new client.Gauge({
    name: "daily_papers_database_up",
    help: "1 when the database answered at this scrape, else 0.",
    registers: [own],
    async collect() {
      this.set((await query<{ one: number }>("SELECT 1 AS one")).length);
    },
  });
  /**
   * A gauge with one sample per row of `sql`, read at each scrape: the row's `value`, labelled by its
   * other columns (named as `labels`). Rows whose value is null are left out.
   */
  const rowsGauge = (name: string, help: string, labels: readonly string[], sql: string) =>
    new client.Gauge({
      name,
      help,
      labelNames: labels,
      registers: [own],
      async collect() {
        this.reset();
        for (const row of await query<Record<string, string | number | null>>(sql)) {
          if (row.value === null || row.value === undefined) continue;
          const labelled = Object.fromEntries(labels.map((label) => [label, String(row[label])]));
          this.set(labelled, Number(row.value));
        }
      },
    });
  rowsGauge(
    "daily_papers_jobs",
    "Jobs in the queue (pg-boss), by queue and state (created, retry, active, failed in the last day).",
    ["queue", "state"],
    `SELECT name AS queue, state::text AS state, count(*)::int AS value FROM pgboss.job
     WHERE state IN ('created', 'retry', 'active') OR (state = 'failed' AND completed_on > now() - interval '1 day')
     GROUP BY 1, 2`,
  );
  rowsGauge(
    "daily_papers_oldest_active_job_seconds",
    "Age of the longest-running job, by queue (a hung job shows here before it expires).",
    ["queue"],
    `SELECT name AS queue, EXTRACT(EPOCH FROM now() - min(started_on))::float8 AS value FROM pgboss.job
     WHERE state = 'active' GROUP BY 1`,
  );
  rowsGauge(
    "daily_papers_worker_heartbeat_age_seconds",
    "Seconds since a job worker last said it was alive (absent when none runs).",
    [],
    "SELECT EXTRACT(EPOCH FROM now() - max(beat_at))::float8 AS value FROM worker_heartbeats",
  );
  rowsGauge(
    "daily_papers_digest_deliveries",
    "Digest deliveries by status (pending, sending, sent, skipped, failed) over the last 7 days.",
    ["status"],
    `SELECT status::text AS status, count(*)::int AS value FROM digest_deliveries
     WHERE created_at > now() - interval '7 days' GROUP BY 1`,
  );
  rowsGauge(
    "daily_papers_ingest",
    "Scheduled ingestion by source: papers added in all, Unix times of the last success and of the last error.",
    ["source", "what"],
    `SELECT source, what, value FROM ingest_sources, LATERAL (VALUES
       ('papers_added', papers_added::float8),
       ('last_success_time', EXTRACT(EPOCH FROM last_success_at)::float8),
       ('last_error_time', EXTRACT(EPOCH FROM last_error_at)::float8)) AS v(what, value)`,
  );
  rowsGauge(
    "daily_papers_papers",
    "Papers in the catalogue (PostgreSQL's estimate) and the newest feed day as a Unix time.",
    ["what"],
    `SELECT 'count' AS what, greatest(reltuples, 0)::float8 AS value FROM pg_class WHERE oid = 'papers'::regclass
     UNION ALL SELECT 'newest_feed_day', EXTRACT(EPOCH FROM max(feed_day))::float8 FROM papers`,
  );
  return own;
}

/**
 * Serves /metrics on `port` (the operator's; bind it to a private address). In a cluster's primary,
 * the web workers' counts are gathered and summed; elsewhere, this process's own.
 */
export function serveMetrics(options: {
  port: number;
  host: string;
  /** True in a cluster's primary: the workers' metrics are gathered. */
  aggregate: boolean;
  connectionString?: string;
  log: (line: string) => void;
}) {
  const aggregator = options.aggregate ? new client.AggregatorRegistry() : null;
  const database = options.connectionString ? databaseMetrics(options.connectionString) : null;
  const server = createServer((request, response) => {
    if ((request.url ?? "/").split("?", 1)[0] !== "/metrics") {
      response.writeHead(404, { "content-type": "text/plain" }).end("Not found: /metrics\n");
      return;
    }
    void (async () => {
      const parts = await Promise.all([
        aggregator ? aggregator.clusterMetrics() : registry.metrics(),
        database ? database.metrics() : "",
      ]);
      response.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" });
      response.end(parts.join("\n"));
    })().catch((error: Error) => {
      response.writeHead(500, { "content-type": "text/plain" }).end(`metrics failed: ${error.message}\n`);
    });
  });
  server.listen(options.port, options.host, () => options.log(`metrics on http://${options.host}:${options.port}/metrics`));
  return server;
}
