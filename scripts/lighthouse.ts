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
of each page's performance score, with its LCP and total blocking time. Pages are opened once
before, as the readers after the first see them (shared copies from the page cache).`;

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
const app = await startApp({ appDir: ROOT, databaseUrl: database.url, log });
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

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"],
});
const rows: string[][] = [];
let failed = 0;
try {
  for (const page of pages) {
    const url = `${app.origin}${page}`;
    await fetch(url);
    await fetch(url);
    const scores: number[] = [];
    const lcp: number[] = [];
    const tbt: number[] = [];
    for (let i = 0; i < runs; i++) {
      const result = await lighthouse(url, {
        port: chrome.port,
        onlyCategories: ["performance"],
        output: "json",
        logLevel: "error",
      });
      const lhr = result?.lhr;
      if (!lhr) throw new Error(`Lighthouse gave no result for ${url}`);
      scores.push(Math.round((lhr.categories.performance?.score ?? 0) * 100));
      lcp.push(lhr.audits["largest-contentful-paint"]?.numericValue ?? 0);
      tbt.push(lhr.audits["total-blocking-time"]?.numericValue ?? 0);
    }
    const score = median(scores);
    if (score < 90) failed++;
    rows.push([
      page,
      String(score),
      scores.join(" "),
      `${(median(lcp) / 1000).toFixed(2)} s`,
      `${Math.round(median(tbt))} ms`,
      score >= 90 ? "≥ 90 ✓" : "≥ 90 ✗",
    ]);
    console.log(`  ${page}: ${scores.join(", ")}`);
  }
} finally {
  chrome.kill();
  await app.stop();
  await database.release();
}

const header = ["page", "performance (median)", "runs", "LCP", "TBT", "target"];
console.log(`\nLighthouse ${runs}x, mobile preset, Chromium at ${process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"}\n`);
console.log(`| ${header.join(" | ")} |\n| ${header.map((_, i) => (i === 0 ? "---" : "---:")).join(" | ")} |`);
for (const row of rows) console.log(`| ${row.join(" | ")} |`);
console.log(failed === 0 ? "\nEvery page ≥ 90." : `\n${failed} page(s) under 90.`);
process.exit(failed === 0 ? 0 : 1);
