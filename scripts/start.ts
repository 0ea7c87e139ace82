import type { ChildProcess } from "node:child_process";
import os from "node:os";
import { parseArgs } from "node:util";
import { disconnectDb } from "@/lib/db";
import { appUrl, env } from "@/lib/env";
import { getDatabaseMemory } from "@/lib/health/data";
import { databaseMemoryWarning } from "@/lib/health/db-settings";
import { startWorker, type Worker } from "@/lib/jobs/worker";
import { createLogger } from "@/lib/observability/log";
import { hasPapers } from "@/lib/papers/data";
import { openDatabase } from "@/lib/runtime/database";
import { onParentExit } from "@/lib/runtime/parent-watch";
import { resolveAuthSecret, resolveOperatorKey } from "@/lib/runtime/secrets";
import { seed } from "../prisma/seed";
import { build, buildIsStale, runServer } from "./lib/next-build";

const USAGE = `Usage: npm start [-- --dev] [-- --rebuild]

Starts Daily Papers on PORT (default 3000): builds the app when the build is missing or older than the
sources, opens the database (DATABASE_URL, or an embedded PostgreSQL under DATA_DIR when unset),
applies migrations, seeds an empty database, and serves. Ctrl-C stops the server and the embedded
database cleanly.

  --dev       run \`next dev\` (hot reload) instead of a production build
  --rebuild   build even when the build looks current`;

const { values } = parseArgs({
  options: { dev: { type: "boolean" }, rebuild: { type: "boolean" }, help: { type: "boolean", short: "h" } },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const log = createLogger("daily-papers");
const database = await openDatabase({ log });
let server: ChildProcess | undefined;
let worker: Worker | undefined;
let stopping = false;

/**
 * Once the tree is going down it is gone within this long, whatever hangs (a job that will not end, a
 * database that does not answer): a supervisor waiting for the exit to restart us must not wait forever.
 */
const STOP_DEADLINE_MS = 15_000;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  setTimeout(() => {
    log(`Still stopping after ${STOP_DEADLINE_MS / 1000} s: exiting now.`);
    process.exit(code || 1);
  }, STOP_DEADLINE_MS).unref();
  if (server && server.exitCode === null && server.signalCode === null) {
    log("Stopping the web server...");
    const exited = new Promise((resolve) => server?.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  // After a crash the worker's jobs get little time: they are retried (by this tree restarted, or another).
  await worker
    ?.stop({ timeoutMs: code === 0 ? 10_000 : 3_000 })
    .catch((error: Error) => log(`Worker did not stop cleanly: ${error.message}`));
  await disconnectDb().catch(() => {});
  // The web processes and the worker's connections close in a moment: the embedded database is
  // stopped once they have (another user of it, such as a test run, keeps it running).
  await database.release({ settleMs: 5_000 });
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
// `npm start` is npm -> sh -> this script: when npm alone is signalled, this one must go too.
onParentExit(() => void shutdown(0));

try {
  // First, so that a production start without its secret stops before touching anything.
  const secret = await resolveAuthSecret({
    configured: env.NEXTAUTH_SECRET,
    production: env.NODE_ENV === "production",
    embedded: database.embedded,
    dataDir: env.DATA_DIR,
  });
  const operatorKey = await resolveOperatorKey({ configured: env.OPERATOR_KEY, dataDir: env.DATA_DIR });
  if (env.SEED_ON_EMPTY && !(await hasPapers())) {
    log("The database has no papers: seeding the default data.");
    await seed(log);
  }
  // PostgreSQL's cache too small for a large catalogue: misses slower than the README says. Say so, with the fix.
  const memoryWarning = databaseMemoryWarning(await getDatabaseMemory(), os.totalmem());
  if (memoryWarning) log.warn(memoryWarning);
  await disconnectDb();
  const childEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: secret,
    NEXTAUTH_URL: appUrl,
    OPERATOR_KEY: operatorKey,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  if (values.dev) {
    server = runServer(["--dev"], { ...childEnv, NODE_ENV: "development" });
  } else {
    if (values.rebuild || (await buildIsStale())) {
      log("Building the app (next build; a minute or two on a laptop, once per change of the code)...");
      const seconds = await build({ ...childEnv, NODE_ENV: "production" });
      log(`Built in ${Math.round(seconds)} s.`);
    }
    server = runServer([], { ...childEnv, NODE_ENV: "production" });
  }
  if (!env.SMTP_URL) {
    // Only whoever runs the app sees this line (and can read DATA_DIR/operator-key): the outbox holds
    // working sign-in links, so it opens with the key, never for "whoever looks local" (a reverse
    // proxy on this machine makes every visitor look local).
    log(
      `SMTP_URL is not set: mail goes to the local outbox. Open it (the link holds a key: keep it private): ${new URL(`/operator?key=${operatorKey}`, appUrl)}`,
    );
  }
  // The web server gone (killed, crashed) takes the whole tree down with a failure, so that whatever
  // supervises `npm start` (systemd, Docker, a process manager) sees it and starts it again.
  server.on("exit", (code, signal) => {
    if (stopping) return;
    log.error(`The web server exited (${signal ?? `code ${code}`}): stopping, so that a supervisor can restart Daily Papers.`);
    void shutdown(code || 1);
  });
  if (env.RUN_WORKER) worker = await startWorker({ connectionString: database.url, log: (line) => log(`worker: ${line}`) });
} catch (error) {
  console.error(`Error: ${(error as Error).message}`);
  await shutdown(1);
}
