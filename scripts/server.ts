import cluster from "node:cluster";
import { createServer, type IncomingMessage } from "node:http";
import os from "node:os";
import next from "next";
import { env } from "@/lib/env";
import { answerFastRoute } from "@/lib/http/fast-routes";
import { refuseOverReadLimit } from "@/lib/http/read-limit";
import { createPageCacheHandler } from "@/lib/page-cache/handler";
import { listenForInvalidations } from "@/lib/page-cache/invalidation";
import { PageCache } from "@/lib/page-cache/store";
import { serveCountsTo } from "@/lib/rate-limit/shared-counter";

/**
 * The web server `npm start` runs: one process per core (WEB_CONCURRENCY), each Next.js behind a plain
 * Node http server that
 * - sets the client address from the socket: Next.js keeps a client-sent X-Forwarded-For as it is,
 *   which would let anyone pose as 127.0.0.1 (the local mailbox) or dodge per-IP rate limits; it is
 *   overwritten, unless TRUST_PROXY says a reverse proxy in front of us sets it;
 * - limits reads of the API and feeds per IP, in memory (lib/http/read-limit.ts);
 * - answers the reader's own state and upvotes itself (lib/http/fast-routes.ts), the same code as the
 *   Next.js routes without the cost of Next.js's request pipeline;
 * - answers shared copies of pages from memory (lib/page-cache), which changes in PostgreSQL retire.
 */

const dev = process.argv.includes("--dev");
const port = env.PORT;
const hostname = process.env.HOST ?? "0.0.0.0";
const log = (line: string) => console.log(`[web${cluster.isWorker ? ` ${cluster.worker?.id}` : ""}] ${line}`);
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
  await app.prepare();
  const cache = new PageCache({ maxBytes: env.PAGE_CACHE_MB * 1024 * 1024 });
  const useCache = !dev && env.PAGE_CACHE_MB > 0 && Boolean(env.DATABASE_URL);
  const listener =
    useCache && env.DATABASE_URL ? listenForInvalidations({ connectionString: env.DATABASE_URL, cache, log }) : null;
  const respond = createPageCacheHandler({
    cache,
    isLive: () => listener?.isLive() ?? false,
    render: (request, response) => handle(request, response),
    secure: (env.APP_URL ?? "").startsWith("https:"),
  });

  const server = createServer((request, response) => {
    const ip = clientAddress(request);
    request.headers["x-forwarded-for"] = ip;
    void (async () => {
      if (await refuseOverReadLimit(request, response, ip)) return;
      if (await answerFastRoute(request, response)) return;
      await respond(request, response);
    })();
  });
  server.listen(port, hostname, () => {
    if (!cluster.isWorker) log(`Daily Papers is ready on http://localhost:${port}${dev ? " (development)" : ""}`);
    else process.send?.({ type: "listening" });
  });

  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    void listener?.stop();
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

/** The primary of a cluster: starts the workers, holds the read limits they share, restarts one that dies. */
function supervise() {
  let closing = false;
  let listening = 0;
  const start = () => {
    const worker = cluster.fork();
    serveCountsTo(worker);
    worker.on("message", (message: { type?: string }) => {
      if (message?.type === "listening" && ++listening === workers) {
        log(`Daily Papers is ready on http://localhost:${port} (${workers} processes)`);
      }
    });
  };
  for (let i = 0; i < workers; i++) start();
  cluster.on("exit", (worker, code, signal) => {
    if (closing) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    log(`worker ${worker.id} exited (${signal ?? code}); starting another`);
    start();
  });
  const shutdown = () => {
    if (closing) return;
    closing = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    setTimeout(() => process.exit(0), 6_000).unref();
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

if (cluster.isPrimary && workers > 1) supervise();
else await serve();
