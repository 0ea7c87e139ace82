import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import pg from "pg";
import { type Day, dayPeriod, monthOf, weekOf } from "@/lib/dates";
import { db, disconnectDb } from "@/lib/db";
import { env } from "@/lib/env";
import { importPapers } from "@/lib/ingest/import";
import { getPeriodFeed, getTrendingPapers } from "@/lib/papers/data";
import { openDatabase } from "@/lib/runtime/database";
import { migrate } from "@/lib/runtime/migrate";
import { searchPapers } from "@/lib/search/data";
import { parseSearchQuery } from "@/lib/search/query";
import { setUpvote } from "@/lib/votes/mutations";
import { ROOT } from "./lib/next-build";

const USAGE = `Usage: npm run bench [-- --keep]

Measures Daily Papers at catalogue scale on a database of its own (daily_papers_bench, on the server of
DATABASE_URL or the embedded one): imports two years of real Hugging Face daily lists (9,577 papers),
then times feed queries (day, week, month), search, trending and concurrent upvotes, and prints
p50 / p95 / max and the query plan of a search. --keep leaves the database for inspection.`;

const { values } = parseArgs({ options: { keep: { type: "boolean" }, help: { type: "boolean", short: "h" } } });
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const DATASET = path.join(ROOT, "prisma/data/hf-daily-papers-2024-05-to-2026-08.json.gz");
const BENCH_DATABASE = "daily_papers_bench";
const RUNS = 60;

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? 0 };
}

async function time<T>(fn: () => Promise<T>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const rows: string[] = [];
function report(label: string, samples: number[], extra = "") {
  const { p50, p95, max } = stats(samples);
  rows.push(
    `${label.padEnd(34)} ${p50.toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)} ${max.toFixed(1).padStart(8)}  ${extra}`,
  );
}

const database = await openDatabase({ migrate: false, log: (line) => console.error(line) });
const admin = new pg.Client({ connectionString: database.url });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${BENCH_DATABASE}`);
const benchUrl = database.databaseUrl(BENCH_DATABASE);
await migrate(benchUrl);
process.env.DATABASE_URL = benchUrl;
env.DATABASE_URL = benchUrl;

try {
  console.log(
    `Benchmark on ${database.embedded ? "the embedded PostgreSQL" : "DATABASE_URL's server"}, database ${BENCH_DATABASE}\n`,
  );

  const importStart = performance.now();
  const imported = await importPapers({ kind: "hf", location: DATASET });
  const importMs = performance.now() - importStart;
  console.log(
    `Import: ${imported.records.toLocaleString("en-US")} papers in ${(importMs / 1000).toFixed(2)} s ` +
      `(${Math.round(imported.records / (importMs / 1000)).toLocaleString("en-US")} papers/s); ` +
      `re-import of the same file: ${((await time(() => importPapers({ kind: "hf", location: DATASET }))) / 1000).toFixed(2)} s, 0 changes\n`,
  );
  await db.$executeRawUnsafe("ANALYZE papers");

  const days = (await db.paper.groupBy({ by: ["feedDay"], orderBy: { feedDay: "asc" } })).map(
    (row) => row.feedDay.toISOString().slice(0, 10) as Day,
  );
  const pick = (i: number) => days[Math.floor((i * 7919) % days.length)] ?? days[0] ?? ("2026-04-01" as Day);

  rows.push(`${"query (ms)".padEnd(34)} ${"p50".padStart(8)} ${"p95".padStart(8)} ${"max".padStart(8)}`);
  for (const [label, period] of [
    ["feed: one day", (i: number) => dayPeriod(pick(i))],
    ["feed: one ISO week", (i: number) => weekOf(pick(i))],
    ["feed: one month", (i: number) => monthOf(pick(i))],
  ] as const) {
    const samples: number[] = [];
    let papers = 0;
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      const feed = await getPeriodFeed(period(i));
      samples.push(performance.now() - start);
      papers += feed.days.reduce((n, group) => n + group.papers.length, 0);
    }
    report(label, samples, `${Math.round(papers / RUNS)} papers per page`);
  }

  const queries = [
    "diffusion",
    "large language model",
    '"reinforcement learning"',
    "agent",
    "vision transformer",
    "robot",
    "video generation",
    "reasoning",
    "tok",
    "mixture of experts",
    "benchmark evaluation",
    "speech",
  ];
  const searchSamples: number[] = [];
  let hits = 0;
  for (let i = 0; i < RUNS; i++) {
    const query = parseSearchQuery(queries[i % queries.length]);
    if (!query.ok) continue;
    const start = performance.now();
    const page = await searchPapers(query.tsquery, { limit: 20 });
    searchSamples.push(performance.now() - start);
    hits += page.total;
  }
  report("search (20 results, highlighted)", searchSamples, `${Math.round(hits / RUNS)} matches per query`);

  const trendingSamples: number[] = [];
  for (let i = 0; i < RUNS; i++) trendingSamples.push(await time(() => getTrendingPapers({ limit: 30 })));
  report("trending page (30)", trendingSamples);

  const users = Array.from({ length: 200 }, (_, i) => ({ id: `bench-user-${i}`, email: `bench${i}@example.org` }));
  await db.user.createMany({ data: users });
  const targets = (await db.paper.findMany({ take: 10, orderBy: { feedDay: "desc" }, select: { arxivId: true } })).map(
    (p) => p.arxivId,
  );
  const votes = 200 * 20;
  const voteStart = performance.now();
  await Promise.all(
    users.map(async (user, u) => {
      for (let i = 0; i < 20; i++) await setUpvote(user.id, targets[(u + i) % targets.length] ?? "", i % 3 !== 2);
    }),
  );
  const voteSeconds = (performance.now() - voteStart) / 1000;
  rows.push(
    `\nUpvotes: ${votes} toggles by 200 concurrent users on 10 papers in ${voteSeconds.toFixed(2)} s (${Math.round(votes / voteSeconds)}/s)`,
  );

  const query = parseSearchQuery("diffusion transformer");
  if (query.ok) {
    const plan = await db.$queryRaw<{ "QUERY PLAN": string }[]>`
      EXPLAIN ANALYZE SELECT arxiv_id FROM papers WHERE search_vector @@ to_tsquery('english', ${query.tsquery})`;
    rows.push("\nSearch plan at this size (the GIN index serves it):", ...plan.map((row) => `  ${row["QUERY PLAN"]}`));
  }
  console.log(rows.join("\n"));
} finally {
  await disconnectDb();
  if (!values.keep) await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
  await admin.end();
  await database.release();
}
