import { parseArgs } from "node:util";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { type Day, monthOf, parseDay, weekOf } from "@/lib/dates";
import { disconnectDb } from "@/lib/db";
import { hasPapers } from "@/lib/papers/data";
import { openDatabase } from "@/lib/runtime/database";
import { seed } from "../prisma/seed";
import { startApp } from "./bench/processes";
import { ROOT } from "./lib/next-build";

const USAGE = `Usage: npm run lighthouse [-- --runs N] [--pages /,/papers/trending,...]

Lighthouse's mobile preset (a mid-range phone, 4x CPU slowdown, slow 4G) on every kind of page of the
production server, started as \`npm start\` starts it on the app's database (DATABASE_URL's, or the
embedded one); Chromium is /usr/bin/chromium or CHROMIUM_PATH. Prints the median of N runs (default 3)
of each page's performance score, with its LCP and total blocking time, twice:
- cold: each run on a server just started, so that every page is its first view there (a miss of the
  page cache, rendered for this reader), as on a quiet instance;
- warm: pages opened before, as the readers after the first see them (shared copies from the cache).`;

const { values } = parseArgs({
  options: { runs: { type: "string", default: "3" }, pages: { type: "string" }, help: { type: "boolean", short: "h" } },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1 || runs > 15) {
  console.error(`--runs must be a whole number from 1 to 15.\n\n${USAGE}`);
  process.exit(2);
}

const log = (line: string) => console.log(line);
const database = await openDatabase({ log });
if (!(await hasPapers())) await seed(log);
await disconnectDb();
const startServer = () => startApp({ appDir: ROOT, databaseUrl: database.url, log: () => {} });
let app = await startServer();
const latest = (await (await fetch(`${app.origin}/api/daily_papers?limit=1`)).json()) as {
  paper: { id: string };
  publishedAt: string;
}[];
const paperId = latest[0]?.paper.id ?? "2307.04990";
const day = parseDay((latest[0]?.publishedAt ?? "").slice(0, 10)) ?? ("2026-04-30" as Day);
const defaults = [
  "/",
  `/papers/date/${day}`,
  `/papers/week/${weekOf(day).key}`,
  `/papers/month/${monthOf(day).key}`,
  `/papers/${paperId}`,
  "/papers?q=diffusion",
  "/papers/trending",
  "/auth/signin",
  "/papers/submit",
];
const pages = values.pages ? values.pages.split(",").map((page) => page.trim()) : defaults;

const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)] ?? 0;

interface Measure {
  score: number;
  lcp: number;
  tbt: number;
}
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"],
});
async function audit(url: string): Promise<Measure> {
  const result = await lighthouse(url, { port: chrome.port, onlyCategories: ["performance"], output: "json", logLevel: "error" });
  const lhr = result?.lhr;
  if (!lhr) throw new Error(`Lighthouse gave no result for ${url}`);
  return {
    score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    lcp: lhr.audits["largest-contentful-paint"]?.numericValue ?? 0,
    tbt: lhr.audits["total-blocking-time"]?.numericValue ?? 0,
  };
}
const cold = new Map<string, Measure[]>(pages.map((page) => [page, []]));
const warm = new Map<string, Measure[]>(pages.map((page) => [page, []]));
try {
  for (let run = 0; run < runs; run++) {
    // A server started for this run: no page has been asked for yet (the latest day above was the API's).
    if (run > 0) {
      await app.stop();
      app = await startServer();
    }
    for (const page of pages) cold.get(page)?.push(await audit(`${app.origin}${page}`));
    console.log(`  cold run ${run + 1}: ${pages.map((page) => cold.get(page)?.at(-1)?.score).join(", ")}`);
  }
  for (const page of pages) {
    const url = `${app.origin}${page}`;
    // Each web process keeps its own copies: ask often enough that every one has it.
    for (let i = 0; i < 4; i++) await (await fetch(url)).arrayBuffer();
    for (let i = 0; i < runs; i++) warm.get(page)?.push(await audit(url));
    console.log(
      `  warm ${page}: ${warm
        .get(page)
        ?.map((measure) => measure.score)
        .join(", ")}`,
    );
  }
} finally {
  chrome.kill();
  await app.stop();
  await database.release();
}

let failed = 0;
const rows = pages.map((page) => {
  const [coldRuns, warmRuns] = [cold.get(page) ?? [], warm.get(page) ?? []];
  const scores = [median(coldRuns.map((m) => m.score)), median(warmRuns.map((m) => m.score))];
  const ok = scores.every((score) => score >= 90);
  if (!ok) failed++;
  return [
    page,
    String(scores[0]),
    String(scores[1]),
    `${coldRuns.map((m) => m.score).join(" ")} / ${warmRuns.map((m) => m.score).join(" ")}`,
    `${(median(coldRuns.map((m) => m.lcp)) / 1000).toFixed(2)} s / ${(median(warmRuns.map((m) => m.lcp)) / 1000).toFixed(2)} s`,
    `${Math.round(median(coldRuns.map((m) => m.tbt)))} ms / ${Math.round(median(warmRuns.map((m) => m.tbt)))} ms`,
    ok ? "≥ 90 ✓" : "≥ 90 ✗",
  ];
});

const header = ["page", "cold (median)", "warm (median)", "runs cold / warm", "LCP cold / warm", "TBT cold / warm", "target"];
console.log(`\nLighthouse ${runs}x, mobile preset, Chromium at ${process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"}\n`);
console.log(`| ${header.join(" | ")} |\n| ${header.map((_, i) => (i === 0 ? "---" : "---:")).join(" | ")} |`);
for (const row of rows) console.log(`| ${row.join(" | ")} |`);
console.log(failed === 0 ? "\nEvery page ≥ 90." : `\n${failed} page(s) under 90.`);
process.exit(failed === 0 ? 0 : 1);
