import type { IncomingMessage, ServerResponse } from "node:http";
import { searchWarmth } from "@/lib/search/vectors/data";
import { databaseAnswers, WORKER_STALE_SECONDS, workerStatus } from "./data";

function send(response: ServerResponse, status: number, body: object, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(text)),
    "cache-control": "no-store",
    ...headers,
  });
  response.end(text);
}

/**
 * Health checks for load balancers and orchestrators, answered by our server (no page code, no rate
 * limit, nothing cached):
 * - GET /api/health: liveness; 200 `{ status: "ok" }` while the process serves requests.
 * - GET /api/health/ready: readiness; 200 `{ status: "ready", database: "up", worker }` when the
 *   database answers a query within 2 s, else 503 `{ status: "unavailable", database: "down" }` with
 *   Retry-After. `worker` says whether a job worker is alive (see workerStatus); web processes serve
 *   without one, so it does not make readiness fail; nor does `search`: "loading" while this process
 *   reads its search index (the first seconds at a million papers, searches slower meanwhile), then
 *   "ready".
 * - GET /api/health/worker: 200 `{ worker: "up" }` while a job worker has beaten within
 *   WORKER_STALE_SECONDS, else 503 (`"down"`, or `"none"` when none ever ran): what to alert on.
 */
export async function answerHealth(
  request: IncomingMessage,
  response: ServerResponse,
  retryAfterSeconds: number,
): Promise<boolean> {
  const path = (request.url ?? "/").split("?", 1)[0];
  if (path !== "/api/health" && path !== "/api/health/ready" && path !== "/api/health/worker") return false;
  if (request.method !== "GET" && request.method !== "HEAD") {
    send(response, 405, { error: { status: 405, message: "Use GET." } }, { allow: "GET, HEAD" });
    return true;
  }
  if (path === "/api/health") {
    send(response, 200, { status: "ok" });
    return true;
  }
  if (!(await databaseAnswers())) {
    send(response, 503, { status: "unavailable", database: "down" }, { "retry-after": String(retryAfterSeconds) });
    return true;
  }
  const worker = await workerStatus().catch(() => null);
  if (path === "/api/health/worker") {
    const body = {
      worker: worker?.status ?? "unknown",
      lastBeatSecondsAgo: worker?.lastBeatSecondsAgo ?? null,
      staleAfterSeconds: WORKER_STALE_SECONDS,
    };
    send(response, worker?.status === "up" ? 200 : 503, body);
    return true;
  }
  send(response, 200, { status: "ready", database: "up", worker: worker?.status ?? "unknown", search: searchWarmth() });
  return true;
}
