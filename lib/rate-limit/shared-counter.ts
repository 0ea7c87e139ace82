import cluster, { type Worker } from "node:cluster";
import type { Limit } from "./limits";
import type { RateLimitResult } from "./mutations";
import { WindowCounter } from "./window-counter";

/**
 * In-memory rate limits shared by the web server's processes: in a cluster (scripts/server.ts runs one
 * worker per core) the primary holds the counters and workers ask it over IPC, so a client's limit is
 * the same whichever worker its connection lands on; a single process counts locally.
 */
interface CountRequest {
  type: "rate-limit:hit";
  id: number;
  key: string;
  windowMs: number;
  now: number;
}
interface CountAnswer {
  type: "rate-limit:count";
  id: number;
  hits: number;
  windowStart: number;
}

// On globalThis: our server and the Next.js bundle each load their own copy of this module, and must
// share one counter (one process) and one set of pending questions to the primary (a cluster worker).
const KEY = Symbol.for("daily-papers.rate-limit.shared-counter");
interface SharedState {
  local: WindowCounter;
  pending: Map<number, (answer: CountAnswer) => void>;
  nextId: number;
  listening: boolean;
}
const globalStore = globalThis as unknown as { [KEY]?: SharedState };
globalStore[KEY] ??= { local: new WindowCounter(), pending: new Map(), nextId: 0, listening: false };
const shared: SharedState = globalStore[KEY];

function askPrimary(request: Omit<CountRequest, "type" | "id">): Promise<CountAnswer> {
  if (!shared.listening) {
    shared.listening = true;
    process.on("message", (message: CountAnswer) => {
      if (message?.type !== "rate-limit:count") return;
      shared.pending.get(message.id)?.(message);
      shared.pending.delete(message.id);
    });
  }
  const id = shared.nextId++;
  return new Promise((resolve) => {
    shared.pending.set(id, resolve);
    process.send?.({ type: "rate-limit:hit", id, ...request } satisfies CountRequest);
  });
}

/** The primary's side: answers its workers' counting requests from one counter. */
export function serveCountsTo(worker: Worker): void {
  worker.on("message", (message: CountRequest) => {
    if (message?.type !== "rate-limit:hit") return;
    const { hits, windowStart } = shared.local.hit(message.key, message.windowMs, message.now);
    worker.send({ type: "rate-limit:count", id: message.id, hits, windowStart } satisfies CountAnswer);
  });
}

/** Counts one request against `limit` for `subject`, in memory (see above). */
export async function consumeInMemory(limit: Limit, subject: string, now: Date = new Date()): Promise<RateLimitResult> {
  const windowMs = limit.windowSeconds * 1000;
  const key = `${limit.name}:${subject.toLowerCase()}`;
  const request = { key, windowMs, now: now.getTime() };
  const { hits, windowStart } =
    cluster.isWorker && process.send ? await askPrimary(request) : shared.local.hit(key, windowMs, request.now);
  return {
    allowed: hits <= limit.max,
    retryAfterSeconds: Math.max(1, Math.ceil((windowStart + windowMs - now.getTime()) / 1000)),
    remaining: Math.max(0, limit.max - hits),
  };
}
