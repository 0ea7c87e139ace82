import { spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createGzip } from "node:zlib";
import type pg from "pg";
import type { Day } from "@/lib/dates";
import { Random } from "@/lib/random";
import { type Corpus, generateText } from "./corpus";
import { latencyStats } from "./load";
import { SESSION_COOKIE } from "./pages";
import { ask, startHelper, stopChild } from "./processes";
import { check, count, ms, type Section } from "./report";

export interface WriteBenchOptions {
  origin: string;
  appDir: string;
  databaseUrl: string;
  db: pg.Pool;
  log: (line: string) => void;
}

const UPVOTE_SECONDS = 15;
const UPVOTE_CONNECTIONS = 32;
const HOT_PAPERS = 1_000;

/** Sum of local votes differs from papers.upvotes - source_upvotes: the count drifted. */
export async function countDrift(db: pg.Pool): Promise<number> {
  const { rows } = await db.query<{ drift: number }>(`
    SELECT count(*)::int AS drift
    FROM papers p LEFT JOIN (SELECT paper_id, count(*) AS votes FROM votes GROUP BY paper_id) v ON v.paper_id = p.id
    WHERE p.upvotes <> p.source_upvotes + coalesce(v.votes, 0)`);
  return rows[0]?.drift ?? -1;
}

/**
 * Readers upvoting and taking the upvote back over HTTP (POST then DELETE /api/papers/<id>/upvote),
 * 32 at once on the 1,000 newest papers; each reader toggles its own papers, so every pair ends where
 * it began. Then every paper's count is checked against its vote rows.
 */
export async function benchUpvotes(options: WriteBenchOptions, sessions: string[]): Promise<Section> {
  options.log(`Upvotes over HTTP, ${UPVOTE_CONNECTIONS} at once for ${UPVOTE_SECONDS} s...`);
  const { rows } = await options.db.query<{ arxiv_id: string }>(
    "SELECT arxiv_id FROM papers ORDER BY feed_day DESC, upvotes DESC LIMIT $1",
    [HOT_PAPERS],
  );
  const papers = rows.map((row) => row.arxiv_id);
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + UPVOTE_SECONDS * 1000;
  const started = performance.now();
  const vote = async (method: "POST" | "DELETE", arxivId: string, token: string) => {
    const at = performance.now();
    const response = await fetch(`${options.origin}/api/papers/${arxivId}/upvote`, {
      method,
      headers: { cookie: `${SESSION_COOKIE}=${token}`, origin: options.origin },
    });
    await response.text();
    latencies.push(performance.now() - at);
    if (response.status !== 200) errors += 1;
  };
  const perWorker = Math.floor(sessions.length / UPVOTE_CONNECTIONS);
  await Promise.all(
    Array.from({ length: UPVOTE_CONNECTIONS }, async (_, worker) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const token = sessions[worker * perWorker + (i % perWorker)] ?? "";
        const paper = papers[(worker * 7 + i * 13) % papers.length] ?? "";
        await vote("POST", paper, token);
        await vote("DELETE", paper, token);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const stats = latencyStats(latencies, errors);
  const drift = await countDrift(options.db);
  const rps = stats.n / seconds;
  return {
    title: "Upvotes over HTTP (POST/DELETE with a session cookie), then papers.upvotes = source + COUNT(votes) for every paper",
    columns: ["what", "requests", "rps", "p50", "p99", "errors", "drifted papers"],
    rows: [
      {
        cells: ["upvote / take back", count(stats.n), count(rps), ms(stats.p50), ms(stats.p99), count(errors), count(drift)],
        check: check(rps >= 300 && drift === 0 && errors === 0, "≥ 300/s, 0 drift"),
      },
    ],
  };
}

interface SinkCounts {
  messages: number;
  recipients: number;
  duplicates: number;
  seconds: number;
}

function runCli(options: WriteBenchOptions, args: string[], env: Record<string, string>, budgetMs: number) {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", ...args], {
    cwd: options.appDir,
    env: { ...process.env, DATABASE_URL: options.databaseUrl, NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGTERM");
  }, budgetMs);
  return once(child, "exit").then(([code]) => {
    clearTimeout(timer);
    return { code: code as number | null, output, timedOut };
  });
}

/**
 * The digest of the latest day (daily subscribers) and week (weekly ones) to every subscriber, sent by
 * `npm run digest` into a local SMTP server in another process; emails per second over the whole
 * command, duplicates counted by the server (a recipient receiving one subject twice).
 */
export async function benchDigest(options: WriteBenchOptions, latestDay: Day, budgetMs: number): Promise<Section> {
  const sink = await startHelper("smtp-sink.ts");
  const rows: Section["rows"] = [];
  try {
    await options.db.query("DELETE FROM digest_deliveries");
    let sent = 0;
    let seconds = 0;
    let stopped = false;
    for (const frequency of ["daily", "weekly"] as const) {
      const left = budgetMs - seconds * 1000;
      if (left <= 0) break;
      options.log(`Digest (${frequency}) into a local SMTP server...`);
      const started = performance.now();
      const run = await runCli(
        options,
        ["scripts/digest.ts", "--date", latestDay, "--frequency", frequency],
        { SMTP_URL: `smtp://127.0.0.1:${sink.port}`, APP_URL: options.origin },
        left,
      );
      seconds += (performance.now() - started) / 1000;
      if (run.timedOut) stopped = true;
      else if (run.code !== 0) options.log(`  npm run digest exited with ${run.code}:\n${run.output.slice(-2000)}`);
    }
    const { rows: delivered } = await options.db.query<{ sent: number; planned: number }>(
      "SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*)::int AS planned FROM digest_deliveries",
    );
    sent = delivered[0]?.sent ?? 0;
    const counts = await ask<SinkCounts>(sink.child, { type: "counts" });
    const rate = counts.messages / Math.max(seconds, 0.001);
    rows.push({
      cells: [
        stopped ? `npm run digest (stopped after ${Math.round(seconds)} s)` : "npm run digest, daily + weekly",
        count(delivered[0]?.planned ?? 0),
        count(sent),
        count(counts.messages),
        count(rate),
        count(counts.duplicates),
      ],
      check: check(rate >= 200 && counts.duplicates === 0 && !stopped, "≥ 200/s, 0 duplicates"),
    });
  } finally {
    await stopChild(sink.child);
  }
  return {
    title: "Digest to every subscriber (emails/s over the whole command, SMTP server in its own process)",
    columns: ["what", "planned", "sent", "received", "emails/s", "duplicates"],
    rows,
  };
}

/** A file in the arXiv metadata snapshot's format (JSON lines, gzip) with papers the dataset does not hold. */
async function writeSnapshot(file: string, corpus: Corpus, papers: number) {
  const random = new Random(42);
  const gzip = createGzip();
  const out = createWriteStream(file);
  gzip.pipe(out);
  for (let n = 0; n < papers; n++) {
    const text = generateText(corpus, random);
    const line = JSON.stringify({
      id: `2609.${String(60_000 + n).padStart(5, "0")}`,
      title: text.title,
      abstract: text.abstract,
      comments: text.githubRepo ? `Code: ${text.githubRepo}` : null,
      authors_parsed: text.authors.map((name) => {
        const parts = name.split(" ");
        return [parts.at(-1) ?? name, parts.slice(0, -1).join(" "), ""];
      }),
      versions: [{ version: "v1", created: new Date(Date.UTC(2026, 8, 1 + (n % 20), 18)).toUTCString() }],
    });
    if (!gzip.write(`${line}\n`)) await once(gzip, "drain");
  }
  gzip.end();
  await once(out, "finish");
}

/** `npm run import` of a snapshot file into the full database; the imported papers are removed afterwards. */
export async function benchImport(options: WriteBenchOptions, corpus: Corpus, papers: number): Promise<Section> {
  options.log(`Import of ${papers.toLocaleString("en-US")} papers from an arXiv snapshot file...`);
  const file = path.join(os.tmpdir(), `daily-papers-bench-${process.pid}.jsonl.gz`);
  await writeSnapshot(file, corpus, papers);
  const cleanup = () => options.db.query("DELETE FROM papers WHERE arxiv_id LIKE '2609.%'");
  await cleanup();
  const started = performance.now();
  const run = await runCli(options, ["scripts/import.ts", file], {}, 30 * 60_000);
  const seconds = (performance.now() - started) / 1000;
  const { rows } = await options.db.query<{ n: number }>("SELECT count(*)::int AS n FROM papers WHERE arxiv_id LIKE '2609.%'");
  const imported = rows[0]?.n ?? 0;
  if (run.code !== 0) options.log(`  npm run import exited with ${run.code}:\n${run.output.slice(-2000)}`);
  await cleanup();
  await rm(file, { force: true });
  return {
    title: "Import (npm run import of an arXiv metadata snapshot file, into the full database)",
    columns: ["what", "papers", "seconds", "papers/s"],
    rows: [{ cells: ["arXiv snapshot importer", count(imported), seconds.toFixed(1), count(imported / seconds)] }],
  };
}
