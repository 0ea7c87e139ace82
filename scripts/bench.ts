import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { openDatabase } from "@/lib/runtime/database";
import { benchSearchAlternating } from "./bench/alternating";
import { loadCorpus } from "./bench/corpus";
import { openBenchDatabase, prewarm } from "./bench/database";
import { datasetSpec, ensureDataset } from "./bench/dataset";
import {
  benchApi,
  benchColdMinute,
  benchForYou,
  benchPages,
  benchSearch,
  benchSignedIn,
  benchSizes,
  benchThroughput,
  createSessions,
  LATENCY_COLUMNS,
  paperTitles,
  rareWords,
  sampleCatalogue,
} from "./bench/pages";
import { applySettings, PG_CONFIGS, type PgConfig, readSystemSettings, restarterFor, settingsFor } from "./bench/pg-config";
import { startApp, warmUp } from "./bench/processes";
import { benchRelevance } from "./bench/relevance";
import { check, renderMarkdown, renderSection, type Section } from "./bench/report";
import { ensureVectors, vectorRecall } from "./bench/vectors";
import { benchDigest, benchImport, benchUpvotes } from "./bench/writes";
import { ROOT } from "./lib/next-build";

const SECTIONS = [
  "relevance",
  "throughput",
  "signed-in",
  "pages",
  "for-you",
  "search",
  "search-alternating",
  "api",
  "sizes",
  "upvotes",
  "digest",
  "import",
] as const;

const USAGE = `Usage: npm run bench [-- --papers N] [--only SECTION,...] [--app DIR] [--pg-config LIST] [--markdown] [--dataset-only]

The benchmark. "relevance" scores search on the judged queries of scripts/bench/relevance over the
9,577 real papers (a database of its own, daily_papers_relevance). The other sections are the scale
benchmark: it generates (first run) or reuses a dataset in the database daily_papers_bench on the
app's PostgreSQL (DATABASE_URL's, or the embedded one): N papers at ~400 a weekday with text recombined
from the real papers we ship, heavy-tailed upvotes, 100k users with 5M votes, 100k digest subscribers.
Then starts the production server exactly as \`npm start\` does, on that database, and measures over
HTTP, printing beside each figure its target and, for throughput, the ceiling measured in the same
run (the same bytes from a bare node:http server).

  --papers N        papers in the dataset (default 1,000,000; users, votes and subscribers scale with it)
  --only LIST       sections to run, comma-separated: ${SECTIONS.join(", ")}
  --app DIR         measure the app in another checkout (a before/after comparison on one dataset);
                    with the section search-alternating, that checkout (before) and this one (after)
                    take turns, a fresh app each, asking the search shapes' misses (--rounds times)
  --rounds N        rounds of search-alternating (default 6)
  --pg-config LIST  PostgreSQL memory settings to measure under, one after the other, comma-separated:
                    current (default: the server as it is), stock (the distribution's defaults:
                    shared_buffers 128 MB), tuned (the README's: a quarter of RAM up to 4 GB, and
                    effective_cache_size half of RAM). Each is set with ALTER SYSTEM and the server
                    restarted (the embedded one by the bench; DATABASE_URL's by the command in
                    BENCH_PG_RESTART), then a cold first minute is measured before the sections;
                    the settings found are put back at the end. Two or more: a side-by-side table.
  --samples N       distinct URLs per latency series (default 300)
  --budget S        seconds per latency series at most (default 60; slow series report fewer samples)
  --digest-budget S seconds the digest may run before it is stopped (default 900)
  --import-papers N papers in the snapshot file the importer is timed on (default 20,000)
  --markdown        also print the tables in Markdown (for the README)
  --dataset-only    generate or check the dataset, measure nothing`;

const { values } = parseArgs({
  options: {
    papers: { type: "string", default: "1000000" },
    only: { type: "string" },
    app: { type: "string" },
    samples: { type: "string", default: "300" },
    rounds: { type: "string", default: "6" },
    budget: { type: "string", default: "60" },
    "digest-budget": { type: "string", default: "900" },
    "import-papers": { type: "string", default: "20000" },
    "pg-config": { type: "string", default: "current" },
    markdown: { type: "boolean" },
    "dataset-only": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

function wholeNumber(name: string, value: string | undefined, min: number, max: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    console.error(
      `--${name} must be a whole number from ${min.toLocaleString("en-US")} to ${max.toLocaleString("en-US")}.\n\n${USAGE}`,
    );
    process.exit(2);
  }
  return number;
}
const papers = wholeNumber("papers", values.papers, 100, 20_000_000);
const samples = wholeNumber("samples", values.samples, 5, 10_000);
const budgetMs = wholeNumber("budget", values.budget, 1, 3_600) * 1000;
const digestBudgetMs = wholeNumber("digest-budget", values["digest-budget"], 1, 24 * 3_600) * 1000;
const importPapers = wholeNumber("import-papers", values["import-papers"], 1, 1_000_000);
// search-alternating needs a second checkout (--app): asked for by name only.
const only = new Set<string>(
  values.only ? values.only.split(",").map((name) => name.trim()) : SECTIONS.filter((name) => name !== "search-alternating"),
);
for (const name of only) {
  if (!(SECTIONS as readonly string[]).includes(name)) {
    console.error(`Unknown section "${name}".\n\n${USAGE}`);
    process.exit(2);
  }
}
const appDir = path.resolve(values.app ?? ROOT);
const rounds = wholeNumber("rounds", values.rounds, 1, 100);
if (only.has("search-alternating") && appDir === ROOT) {
  console.error(`search-alternating compares another checkout with this one: give it with --app DIR.\n\n${USAGE}`);
  process.exit(2);
}
const pgConfigs = [...new Set((values["pg-config"] ?? "current").split(",").map((name) => name.trim()))] as PgConfig[];
for (const name of pgConfigs) {
  if (!(PG_CONFIGS as readonly string[]).includes(name)) {
    console.error(`Unknown --pg-config "${name}": ${PG_CONFIGS.join(", ")}.\n\n${USAGE}`);
    process.exit(2);
  }
}

const log = (line: string) => console.error(line);
const server = await openDatabase({ migrate: false, log });
const restarter = pgConfigs.some((name) => name !== "current") ? restarterFor(server) : null;
if (restarter && "error" in restarter) {
  console.error(restarter.error);
  await server.release();
  process.exit(2);
}
const sections: Section[] = [];
let header = "";
try {
  if (only.has("relevance") && !values["dataset-only"]) sections.push(...(await benchRelevance({ server, log })));
  if (values["dataset-only"] || [...only].some((name) => name !== "relevance")) {
    const databaseUrl = await openBenchDatabase(server, log);
    const dataset = await ensureDataset(databaseUrl, datasetSpec(papers), log);
    sections.push(await ensureVectors(databaseUrl, log));
    if (only.has("search") && !values["dataset-only"]) sections.push(await vectorRecall(databaseUrl, log));
    if (values["dataset-only"]) console.log(dataset);
    else header = await measure(databaseUrl, dataset);
  }
} finally {
  await server.release();
}
if (!values["dataset-only"]) {
  if (header) console.log(`\n${header}`);
  for (const section of sections) console.log(renderSection(section));
  if (values.markdown) for (const section of sections) console.log(renderMarkdown(section));
  const missed = sections.flatMap((section) => section.rows).filter((row) => row.check && !row.check.ok).length;
  console.log(missed ? `\n${missed} target(s) missed.` : "\nEvery target met.");
}

/** The sections under each --pg-config in turn (restoring the server's settings at the end), and the comparison. */
async function measure(databaseUrl: string, dataset: Awaited<ReturnType<typeof ensureDataset>>): Promise<string> {
  const restart = restarter && "restart" in restarter ? restarter.restart : null;
  const original = restart ? await readSystemSettings(server.url) : null;
  const headers: string[] = [];
  const byConfig = new Map<PgConfig, Section[]>();
  try {
    for (const config of pgConfigs) {
      const before = sections.length;
      const settings = config === "current" || !restart ? null : await applySettings(server.url, settingsFor(config), restart);
      if (settings) log(`PostgreSQL restarted with the ${config} configuration: ${settings}.`);
      headers.push(await measureUnder(databaseUrl, dataset, pgConfigs.length > 1 ? config : null, settings !== null));
      byConfig.set(config, sections.slice(before));
    }
  } finally {
    if (original && restart) {
      log("Putting PostgreSQL's settings back as they were...");
      await applySettings(server.url, original, restart);
    }
  }
  if (pgConfigs.length > 1) sections.push(compareConfigs(byConfig));
  return headers.join("\n");
}

/** Rows of the latency sections side by side: miss p50 and p99 under each configuration. */
function compareConfigs(byConfig: Map<PgConfig, Section[]>): Section {
  const configs = [...byConfig.keys()];
  const labels: string[] = [];
  const cells = new Map<string, Map<PgConfig, string[]>>();
  for (const [config, list] of byConfig) {
    for (const section of list.filter((item) => item.columns === LATENCY_COLUMNS)) {
      for (const row of section.rows) {
        const label = row.cells[0] ?? "";
        if (!cells.has(label)) {
          labels.push(label);
          cells.set(label, new Map());
        }
        cells.get(label)?.set(config, [row.cells[2] ?? "", row.cells[3] ?? ""]);
      }
    }
  }
  const first = configs[0] ?? "current";
  return {
    title: `PostgreSQL configurations side by side (miss p50 / p99; the target is checked under ${first})`,
    columns: ["what", ...configs.flatMap((config) => [`${config} p50`, `${config} p99`])],
    rows: labels.map((label) => {
      const row = cells.get(label);
      const p99 = Number.parseFloat(row?.get(first)?.[1] ?? "");
      return {
        cells: [label, ...configs.flatMap((config) => row?.get(config) ?? ["—", "—"])],
        check: label.startsWith("cold first minute") || !Number.isFinite(p99) ? undefined : check(p99 < 100, "miss p99 < 100 ms"),
      };
    }),
  };
}

async function measureUnder(
  databaseUrl: string,
  dataset: Awaited<ReturnType<typeof ensureDataset>>,
  config: PgConfig | null,
  restarted: boolean,
): Promise<string> {
  const db = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  // Connections a restart cut are dropped by the pool; their errors must not stop the bench.
  db.on("error", () => {});
  const { rows: version } = await db.query<{ version: string; shared_buffers: string }>(
    "SELECT current_setting('server_version') AS version, current_setting('shared_buffers') AS shared_buffers",
  );
  const sample = await sampleCatalogue(db, samples);
  if (restarted) {
    // Before anything reads the catalogue on purpose: PostgreSQL's cache holds only what start-up read.
    const app = await startApp({ appDir, databaseUrl, log });
    try {
      sections.push({
        title: `Cold first minute after a PostgreSQL restart, no prewarm${config ? ` [${config}]` : ""}`,
        columns: LATENCY_COLUMNS,
        rows: await benchColdMinute({ origin: app.origin, db, budgetMs, samples, log }, sample),
      });
    } finally {
      await app.stop();
    }
  }
  const warmed = await prewarm(databaseUrl);
  const header = [
    `Daily Papers bench: ${dataset.papers.toLocaleString("en-US")} papers (${dataset.firstDay} to ${dataset.lastDay}, ${dataset.days.toLocaleString("en-US")} days), ` +
      `${dataset.users.toLocaleString("en-US")} users, ${dataset.votes.toLocaleString("en-US")} votes, ${dataset.subscribers.toLocaleString("en-US")} subscribers`,
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB; Node ${process.version}; ` +
      `PostgreSQL ${version[0]?.version ?? "?"} (${server.embedded ? "embedded" : "DATABASE_URL"}${config ? `, ${config}` : ""}, shared_buffers ${version[0]?.shared_buffers ?? "?"}, ${warmed}); app: ${appDir}`,
  ].join("\n");
  const sessions = only.has("signed-in") || only.has("upvotes") || only.has("for-you") ? await createSessions(db, 1_024) : [];
  // A fresh server for each section: what one section leaves queued (a slow server still working
  // through a backlog) must not be charged to the next.
  const section = async (name: (typeof SECTIONS)[number], run: (origin: string) => Promise<Section>) => {
    if (!only.has(name)) return;
    const app = await startApp({ appDir, databaseUrl, log });
    try {
      await warmUp(app.origin, sample);
      const result = await run(app.origin);
      sections.push(config ? { ...result, title: `${result.title} [${config}]` } : result);
    } finally {
      await app.stop();
    }
  };
  const pageOptions = (origin: string) => ({ origin, db, budgetMs, samples, log });
  const writeOptions = (origin: string) => ({ origin, appDir, databaseUrl, db, log });
  try {
    await section("throughput", (origin) => benchThroughput(pageOptions(origin), sample));
    await section("signed-in", (origin) => benchSignedIn(pageOptions(origin), sample, sessions));
    await section("pages", (origin) => benchPages(pageOptions(origin), sample));
    await section("for-you", (origin) => benchForYou(pageOptions(origin), sessions));
    await section("search", async (origin) =>
      benchSearch(pageOptions(origin), { rare: await rareWords(db, 30), titles: await paperTitles(db, 30) }),
    );
    await section("api", (origin) => benchApi(pageOptions(origin), sample));
    await section("sizes", (origin) => benchSizes(pageOptions(origin), sample));
    await section("upvotes", (origin) => benchUpvotes(writeOptions(origin), sessions));
    await section("digest", (origin) => benchDigest(writeOptions(origin), dataset.lastDay, digestBudgetMs));
    await section("import", async (origin) => benchImport(writeOptions(origin), await loadCorpus(), importPapers));
    if (only.has("search-alternating")) {
      sections.push(await benchSearchAlternating({ before: appDir, after: ROOT, databaseUrl, sample, rounds, log }));
    }
  } finally {
    await db.query("DELETE FROM sessions WHERE id LIKE 'bench-%'").catch(() => {});
    await db.end();
  }
  return header;
}
