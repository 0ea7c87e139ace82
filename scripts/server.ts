import { AsyncLocalStorage } from "node:async_hooks";
import cluster from "node:cluster";
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import os from "node:os";
import next from "next";
import { guardEmailCallback } from "@/lib/auth/callback-guard";
import { databasePoolCounts } from "@/lib/db";
import { env } from "@/lib/env";
import { answerHealth } from "@/lib/health/endpoint";
import { checkActionBody } from "@/lib/http/action-body";
import { answerNonCanonical } from "@/lib/http/canonical";
import { answerFastRoute } from "@/lib/http/fast-routes";
import { refuseBadRequest, refuseWhileUnavailable, sendError, UNAVAILABLE_RETRY_AFTER_SECONDS } from "@/lib/http/guards";
import { cameThroughProxy, canonicalHostRedirect } from "@/lib/http/public-origin";
import { refuseOverReadLimit } from "@/lib/http/read-limit";
import { applySecurityHeaders } from "@/lib/http/security-headers";
import { createLogger } from "@/lib/observability/log";
import {
  collectProcessMetrics,
  observeRequest,
  serveMetrics,
  watchDatabasePools,
  watchPageCache,
} from "@/lib/observability/metrics";
import { createPageCacheHandler, serveKeptCopy } from "@/lib/page-cache/handler";
import { listenForInvalidations } from "@/lib/page-cache/invalidation";
import { PageCache } from "@/lib/page-cache/store";
import { serveCountsTo } from "@/lib/rate-limit/shared-counter";
import { onParentExit } from "@/lib/runtime/parent-watch";
import { hearSearchChanges, searchChangesHeard } from "@/lib/search/heard";
import { warmSearch } from "@/lib/search/vectors/data";

/**
 * The web server `npm start` runs: one process per core (WEB_CONCURRENCY), each Next.js behind a plain
 * Node http server that
 * - sets the client address from the socket: Next.js keeps a client-sent X-Forwarded-For as it is,
 *   which would let anyone pose as 127.0.0.1 (the local mailbox) or dodge per-IP rate limits; it is
 *   overwritten, unless TRUST_PROXY says a reverse proxy in front of us sets it;
 * - limits reads of the API and feeds per IP, in memory (lib/http/read-limit.ts);
 * - answers the reader's own state and upvotes itself (lib/http/fast-routes.ts), the same code as the
 *   Next.js routes without the cost of Next.js's request pipeline;
 * - with APP_URL naming this machine, sends a browser that used another of its names there (308);
 * - answers shared copies of pages from memory (lib/page-cache), which changes in PostgreSQL retire;
 * - refuses what it can tell is bad from the request line and headers (malformed %-escapes, bodies over
 *   1 MB), answers health checks, and answers 503 while the database is unreachable (lib/http/guards.ts);
 * - stops gracefully: on SIGTERM or SIGINT (or when the process that started it goes away) it stops
 *   accepting connections, lets requests in flight finish for up to SHUTDOWN_DEADLINE_MS, then exits.
 */

/** How long requests in flight may take to finish once the server is asked to stop. */
const SHUTDOWN_DEADLINE_MS = 10_000;

const dev = process.argv.includes("--dev");
const port = env.PORT;
const hostname = process.env.HOST ?? "0.0.0.0";
const log = createLogger(`web${cluster.isWorker ? ` ${cluster.worker?.id}` : ""}`);

/** The request being answered, for lines logged on its behalf by code that does not know it (Next.js). */
const requestContext = new AsyncLocalStorage<{ id: string; method?: string; path?: string }>();

/** A request id from a proxy in front of us is kept when it looks like one; otherwise ours. */
const REQUEST_ID = /^[\w.:-]{1,100}$/;
function requestId(request: IncomingMessage): string {
  const given = request.headers["x-request-id"];
  return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
}
const workers = dev ? 1 : (env.WEB_CONCURRENCY ?? os.availableParallelism());

function clientAddress(request: IncomingMessage): string {
  const socketAddress = request.socket.remoteAddress ?? "unknown";
  const forwarded = request.headers["x-forwarded-for"];
  // Behind a trusted proxy the client is the last address it appended; otherwise it is the socket's.
  const proxied = env.TRUST_PROXY && typeof forwarded === "string" ? forwarded.split(",").at(-1)?.trim() : undefined;
  return proxied || socketAddress;
}

async function serve() {
  const app = next({ dev, dir: process.cwd(), port, hostname: "localhost" });
  const handle = app.getRequestHandler();
  // Next.js says how long loading its config took, once per process: noise in `npm start`'s output.
  const printLog = console.log;
  console.log = (...args: unknown[]) => {
    if (!args.some((arg) => typeof arg === "string" && /Running next\.config\.\w+ took /.test(arg))) printLog(...args);
  };
  await app.prepare().finally(() => {
    console.log = printLog;
  });
  const cache = new PageCache({ maxBytes: env.PAGE_CACHE_MB * 1024 * 1024 });
  const useCache = !dev && env.PAGE_CACHE_MB > 0 && Boolean(env.DATABASE_URL);
  // One connection per process hears page changes and tells whether the database is reachable; it
  // also hears the writes searches would otherwise ask about (their lists, papers added).
  const link = env.DATABASE_URL
    ? listenForInvalidations({
        connectionString: env.DATABASE_URL,
        cache: useCache ? cache : null,
        onChange: searchChangesHeard,
        log,
      })
    : null;
  // The search model and lists are loaded now rather than by the first searches (both copies of lib share them).
  if (link) {
    hearSearchChanges(() => link.isLive());
    void warmSearch();
  }
  const respond = createPageCacheHandler({
    cache,
    isLive: () => useCache && (link?.isLive() ?? false),
    render: (request, response) => handle(request, response),
    secure: (env.APP_URL ?? "").startsWith("https:"),
  });

  const security = { https: (env.APP_URL ?? "").startsWith("https:"), dev };
  let closing = false;
  if (env.METRICS_PORT) {
    collectProcessMetrics();
    watchPageCache(cache);
    watchDatabasePools(databasePoolCounts);
  }
  // Errors Next.js prints while rendering (console.error with the Error, a stack of 20 lines) come out
  // as one line, with the request id of the render that failed.
  const printError = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    const error = args.find((arg): arg is Error & { digest?: string } => arg instanceof Error);
    if (!error) return printError(...args);
    const context = requestContext.getStore();
    const note = args
      .filter((arg) => typeof arg === "string" && arg.trim())
      .join(" ")
      .trim();
    log.error(note || "render failed", {
      id: context?.id,
      method: context?.method,
      path: context?.path,
      error: error.message
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean)
        .slice(0, 2)
        .join(" "),
      digest: error.digest,
      at: error.stack
        ?.split("\n")
        .find((line) => /^\s+at /.test(line))
        ?.trim(),
    });
  };
  const server = createServer((request, response) => {
    const startedAt = process.hrtime.bigint();
    const id = requestId(request);
    request.headers["x-request-id"] = id;
    response.setHeader("x-request-id", id);
    if (env.METRICS_PORT) observeRequest(request, response, startedAt);
    if (env.ACCESS_LOG) {
      response.once("close", () =>
        log("request", {
          id,
          method: request.method,
          path: request.url,
          status: response.writableFinished ? response.statusCode : 499,
          ms: Number((Number(process.hrtime.bigint() - startedAt) / 1e6).toFixed(1)),
          bytes: Number(response.getHeader("content-length") ?? 0) || undefined,
          cache: (response.getHeader("x-page-cache") as string | undefined) ?? undefined,
        }),
      );
    }
    applySecurityHeaders(request, response, security);
    // While stopping, each answer closes its connection, so that keep-alive clients go elsewhere.
    if (closing) response.setHeader("connection", "close");
    const proxied = cameThroughProxy(request.headers);
    const ip = clientAddress(request);
    request.headers["x-forwarded-for"] = ip;
    void requestContext
      .run({ id, method: request.method, path: request.url }, async () => {
        if (refuseBadRequest(request, response)) return;
        // Everything below (guards, limits, the page cache) sees one spelling of each address.
        if (answerNonCanonical(request, response)) return;
        if (await answerHealth(request, response, UNAVAILABLE_RETRY_AFTER_SECONDS)) return;
        // APP_URL naming this machine: one name for it (health checks above answer on any).
        const elsewhere = canonicalHostRedirect(request.headers.host, request.url ?? "/", proxied);
        if (elsewhere) {
          response.writeHead(308, { location: elsewhere, "cache-control": "no-store" }).end();
          return;
        }
        // The database away: pages kept in memory are still served (marked stale), the rest is 503.
        if (link?.isDown() && useCache && serveKeptCopy(cache, request, response)) return;
        if (refuseWhileUnavailable(request, response, link?.isDown() ?? false)) return;
        if (guardEmailCallback(request, response)) return;
        if (await refuseOverReadLimit(request, response, ip)) return;
        if (await answerFastRoute(request, response)) return;
        const checked = await checkActionBody(request, response, !dev);
        if (checked) await respond(checked, response);
      })
      .catch((error: Error) => {
        log.error("request failed", {
          id,
          method: request.method,
          path: request.url,
          error: error.message,
          at: error.stack?.split("\n")[1]?.trim(),
        });
        if (!response.headersSent) sendError(request, response, 500, "Something went wrong on our side.");
        else response.destroy();
      });
  });
  server.listen(port, hostname, () => {
    if (!cluster.isWorker) log(`Daily Papers is ready on http://localhost:${port}${dev ? " (development)" : ""}`);
    else process.send?.({ type: "listening" });
  });

  // A single process (no cluster) answers /metrics itself.
  const metrics =
    env.METRICS_PORT && !cluster.isWorker
      ? serveMetrics({
          port: env.METRICS_PORT,
          host: env.METRICS_HOST,
          aggregate: false,
          connectionString: env.DATABASE_URL,
          log,
        })
      : null;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    metrics?.close();
    // No new connections; idle keep-alive ones are closed now, busy ones once their answer is out.
    server.close(() => {
      void link?.stop();
      process.exit(0);
    });
    server.closeIdleConnections();
    const drain = setInterval(() => server.closeIdleConnections(), 100);
    drain.unref();
    setTimeout(() => {
      log(`stopping: requests still in flight after ${SHUTDOWN_DEADLINE_MS / 1000} s are cut off`);
      server.closeAllConnections();
      process.exit(0);
    }, SHUTDOWN_DEADLINE_MS).unref();
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
  if (!cluster.isWorker) onParentExit(shutdown);
}

/** The primary of a cluster: starts the workers, holds the read limits they share, restarts one that dies. */
function supervise() {
  let closing = false;
  // The live workers that listen. The app is ready once all of them do; a replacement says so when it
  // listens, even when the one it replaces died before the app was first ready.
  const listening = new Set<number>();
  let ready = false;
  const start = (replacing: boolean) => {
    const worker = cluster.fork();
    serveCountsTo(worker);
    worker.on("message", (message: { type?: string }) => {
      if (message?.type !== "listening") return;
      listening.add(worker.id);
      if (replacing) log(`worker ${worker.id} is ready (replacing one that exited)`);
      if (!ready && listening.size === workers) {
        ready = true;
        log(`Daily Papers is ready on http://localhost:${port} (${workers} processes)`);
      }
    });
  };
  for (let i = 0; i < workers; i++) start(false);
  const metrics = env.METRICS_PORT
    ? serveMetrics({ port: env.METRICS_PORT, host: env.METRICS_HOST, aggregate: true, connectionString: env.DATABASE_URL, log })
    : null;
  cluster.on("exit", (worker, code, signal) => {
    listening.delete(worker.id);
    if (closing) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    log.warn(`worker ${worker.id} exited (${signal ?? code}); starting another`);
    start(true);
  });
  const shutdown = () => {
    if (closing) return;
    closing = true;
    metrics?.close();
    // Each worker drains its requests in flight (see serve); the primary leaves when the last is gone.
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    setTimeout(() => process.exit(0), SHUTDOWN_DEADLINE_MS + 2_000).unref();
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
  onParentExit(shutdown);
}

if (cluster.isPrimary && workers > 1) supervise();
else await serve();
