import { readdirSync, readFileSync } from "node:fs";
import type { Day } from "@/lib/dates";
import { timeEach } from "./load";
import { SEARCH_SHAPES } from "./pages";
import { startApp, warmUp } from "./processes";
import { count, ms, type Section } from "./report";

/**
 * Search-page misses of two checkouts, measured turn about: a fresh app of each, warmed as the bench
 * warms one, asks the natural query shapes once each (misses, 2 at a time), `rounds` times, the order
 * swapped each round. On these shared 2-core machines two bench runs minutes apart differ by more than
 * a change of a few milliseconds; taking turns puts both under the same load, and the CPU each search
 * costs (the web processes' and PostgreSQL's, from /proc) varies far less than its latency.
 */

const SHAPES = ["frequent word", "two words", "phrase", "question", "description", "hyphenated"];
/** Clock ticks a second (/proc/<pid>/stat's utime and stime). */
const TICKS = 100;

interface Cpu {
  web: number;
  postgres: number;
}

/** CPU seconds used so far by the app's processes (`root` and its descendants) and by PostgreSQL's. */
function cpuSeconds(root: number): Cpu {
  const parents = new Map<number, number>();
  const used = new Map<number, number>();
  let postgres = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // gone meanwhile
    }
    const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const cpu = (Number(fields[11]) + Number(fields[12])) / TICKS;
    if (name.startsWith("postgres")) postgres += cpu;
    parents.set(Number(entry), Number(fields[1]));
    used.set(Number(entry), cpu);
  }
  let web = 0;
  for (const [pid, cpu] of used) {
    for (let at: number | undefined = pid; at !== undefined && at > 1; at = parents.get(at)) {
      if (at === root) {
        web += cpu;
        break;
      }
    }
  }
  return { web, postgres };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

export async function benchSearchAlternating(options: {
  before: string;
  after: string;
  databaseUrl: string;
  sample: { arxivIds: string[]; latestDay: Day };
  rounds: number;
  log: (line: string) => void;
}): Promise<Section> {
  const dirs = { before: options.before, after: options.after } as const;
  type Side = keyof typeof dirs;
  /** Each round's p50 and p99, by side and shape. */
  const runs = new Map<string, { p50: number; p99: number }[]>();
  const spent: Record<Side, Cpu & { requests: number }> = {
    before: { web: 0, postgres: 0, requests: 0 },
    after: { web: 0, postgres: 0, requests: 0 },
  };
  for (let round = 0; round < options.rounds; round++) {
    for (const side of round % 2 === 0 ? (["before", "after"] as const) : (["after", "before"] as const)) {
      options.log(`Search misses, round ${round + 1} of ${options.rounds}: ${side} (${dirs[side]})...`);
      const app = await startApp({ appDir: dirs[side], databaseUrl: options.databaseUrl, log: options.log });
      try {
        await warmUp(app.origin, options.sample);
        const root = app.child.pid ?? 0;
        for (const shape of SHAPES) {
          const urls = (SEARCH_SHAPES[shape] ?? []).map((q) => ({ url: `${app.origin}/papers?q=${encodeURIComponent(q)}` }));
          const start = cpuSeconds(root);
          const stats = await timeEach(urls, { concurrency: 2, budgetMs: 60_000 });
          const end = cpuSeconds(root);
          spent[side].web += end.web - start.web;
          spent[side].postgres += end.postgres - start.postgres;
          spent[side].requests += stats.n;
          runs.set(`${side} ${shape}`, [...(runs.get(`${side} ${shape}`) ?? []), stats]);
        }
      } finally {
        await app.stop();
      }
    }
  }
  const medians = (side: Side, shape: string) =>
    (["p50", "p99"] as const).map((stat) => ms(median((runs.get(`${side} ${shape}`) ?? []).map((run) => run[stat]))));
  const perRequest = (side: Side, part: keyof Cpu) => (spent[side][part] * 1000) / Math.max(spent[side].requests, 1);
  return {
    title: `Search page misses, before (${options.before}) and after (${options.after}) in turn, ${options.rounds} rounds (medians of the rounds)`,
    columns: ["what", "rounds", "before p50", "before p99", "after p50", "after p99"],
    rows: [
      ...SHAPES.map((shape) => ({
        cells: [`search: ${shape}`, count(options.rounds), ...medians("before", shape), ...medians("after", shape)],
      })),
      {
        cells: [
          "CPU a search: web processes / PostgreSQL",
          count(options.rounds),
          `${ms(perRequest("before", "web"))} / ${ms(perRequest("before", "postgres"))}`,
          "",
          `${ms(perRequest("after", "web"))} / ${ms(perRequest("after", "postgres"))}`,
          "",
        ],
      },
    ],
  };
}
