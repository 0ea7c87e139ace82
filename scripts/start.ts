import type { ChildProcess } from "node:child_process";
import { parseArgs } from "node:util";
import { disconnectDb } from "@/lib/db";
import { appUrl, env } from "@/lib/env";
import { startWorker, type Worker } from "@/lib/jobs/worker";
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

const log = (message: string) => console.log(`[daily-papers] ${message}`);
const database = await openDatabase({ log });
let server: ChildProcess | undefined;
let worker: Worker | undefined;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (server && server.exitCode === null) {
    log("Stopping the web server...");
    const exited = new Promise((resolve) => server?.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  await worker?.stop().catch((error: Error) => log(`Worker did not stop cleanly: ${error.message}`));
  await disconnectDb().catch(() => {});
  await database.release();
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
      log("Building the app (next build)...");
      await build({ ...childEnv, NODE_ENV: "production" });
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
  server.on("exit", (code) => {
    if (!stopping) void shutdown(code ?? 1);
  });
  if (env.RUN_WORKER) worker = await startWorker({ connectionString: database.url, log: (line) => log(`worker: ${line}`) });
} catch (error) {
  console.error(`Error: ${(error as Error).message}`);
  await shutdown(1);
}
