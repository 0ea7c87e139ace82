import { type ChildProcess, fork, spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { type Day, monthOf, weekOf } from "@/lib/dates";
import { freePort } from "@/lib/runtime/ports";
import { get } from "./load";

const HERE = import.meta.dirname;

/** A helper process of the bench (bare server, SMTP sink) that reports its port over IPC once listening. */
export async function startHelper(script: string, args: string[] = []): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(path.join(HERE, script), args, {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const [message] = (await once(child, "message")) as [{ port: number }];
  return { child, port: message.port };
}

/** Sends a message to a helper and waits for its answer. */
export async function ask<T>(child: ChildProcess, message: object): Promise<T> {
  const answer = once(child, "message");
  child.send(message);
  return ((await answer) as [T])[0];
}

export async function stopChild(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill(signal);
  await exited;
}

export interface AppServer {
  url: string;
  origin: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * The app's production server, started exactly as `npm start` starts it (scripts/start.ts: build if
 * stale, migrate, serve), in `appDir` (this checkout, or another one to compare with), on the bench
 * database, without the digest worker (the digest is measured on its own).
 */
export async function startApp(options: {
  appDir: string;
  databaseUrl: string;
  env?: Record<string, string>;
  log: (line: string) => void;
}): Promise<AppServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], {
    cwd: options.appDir,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: options.databaseUrl,
      PORT: String(port),
      APP_URL: origin,
      NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret-0123456789",
      SEED_ON_EMPTY: "false",
      RUN_WORKER: "false",
      NEXT_TELEMETRY_DISABLED: "1",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited while starting:\n${output}`);
    // The health check, not a page: a page asked for here would be in the page cache before the caller's first request.
    const ok = await fetch(`${origin}/health`, { signal: AbortSignal.timeout(60_000) })
      .then((response) => response.status < 500)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`the app did not answer within 10 minutes:\n${output}`);
    await sleep(500);
  }
  options.log(`App ready at ${origin} (${options.appDir})`);
  return {
    url: origin,
    origin,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, "exit");
      if (child.pid) process.kill(-child.pid, "SIGTERM");
      await exited;
    },
  };
}

/** Rounds of URLs never measured, each URL asked once per round, to get every route's code compiled. */
const WARM_UP_ROUNDS = 16;
/** Rounds asked at once: enough requests in flight for every process to open all its database connections. */
const WARM_UP_PARALLEL = 2;
/** Searches of each shape the bench measures (lib/search picks its plan by shape), none of them measured. */
const WARM_UP_SEARCHES = [
  "neural",
  "network",
  "scaling",
  "alignment",
  "neural network",
  "object detection",
  '"neural network"',
  '"large scale"',
  "segmentation",
  "retrieval",
  "efficient inference",
  '"state space"',
  "compression",
  "memory",
  "sparse attention",
  '"real time"',
];

/**
 * A server that has been running has its code compiled (JIT), its database connections open and
 * PostgreSQL's caches for them filled; a fresh one pays for all that on its first requests. Each
 * section warms its server on addresses it does not measure (searches of their own) and renders the
 * measured kinds of page without keeping them: a request with an Authorization header is never
 * answered from, nor kept in, the shared page cache (an unknown query parameter would be redirected
 * to the page's canonical address instead). So a "cache miss" figure is a miss, not a cold start.
 */
export const UNCACHED = { authorization: "Bearer bench-warm-up" };
export async function warmUp(origin: string, sample: { arxivIds: string[]; latestDay: Day }) {
  const paper = sample.arxivIds.at(-1) ?? "";
  const round = (i: number) => {
    const q = encodeURIComponent(WARM_UP_SEARCHES[i % WARM_UP_SEARCHES.length] ?? "warm");
    return [
      ["/", UNCACHED],
      [`/papers/date/${sample.latestDay}`, UNCACHED],
      [`/papers/week/${weekOf(sample.latestDay).key}`, UNCACHED],
      [`/papers/month/${monthOf(sample.latestDay).key}`, UNCACHED],
      [`/papers/${paper}`, UNCACHED],
      ["/papers/trending", UNCACHED],
      [`/papers?q=${q}`],
      [`/papers?q=${q}&page=3`],
      [`/api/papers/search?q=${q}`],
      [`/feeds/search.xml?q=${q}`],
      [`/api/daily_papers?date=${sample.latestDay}`, UNCACHED],
      [`/api/papers/${paper}`, UNCACHED],
      ["/feeds/daily.xml", UNCACHED],
    ] as [string, Record<string, string>?][];
  };
  for (let i = 0; i < WARM_UP_ROUNDS; i += WARM_UP_PARALLEL) {
    const paths = Array.from({ length: WARM_UP_PARALLEL }, (_, j) => round(i + j)).flat();
    await Promise.all(paths.map(([path, headers], n) => get(`${origin}${path}`, { client: n, headers })));
  }
  await searchIndexRead(origin);
}

/** Clients asked whether their web process has read its search index (each client keeps its connection). */
const READINESS_CLIENTS = 8;
/**
 * An app from before readiness said so (`--app` with an older checkout) is given this long: each web
 * process reads a million papers' index in ~4-5 s, two at once.
 */
const SEARCH_INDEX_FALLBACK_MS = 10_000;

/**
 * Waits until every web process has read its search index (readiness: `search: "ready"`): a process
 * that just started reads it in the background for a few seconds, and a search meanwhile reads the
 * lists it needs itself, slower (a cold start, not a cache miss).
 */
async function searchIndexRead(origin: string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const answers = await Promise.all(
      Array.from({ length: READINESS_CLIENTS }, (_, client) =>
        get(`${origin}/api/health/ready`, { client }).then(({ body }) => (JSON.parse(body) as { search?: string }).search),
      ),
    );
    if (answers.some((search) => search === undefined)) {
      await sleep(SEARCH_INDEX_FALLBACK_MS);
      return;
    }
    if (answers.every((search) => search === "ready")) return;
    await sleep(250);
  }
}
