import { once } from "node:events";
import type { Writable } from "node:stream";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { addDays, type Day, dateFromDay } from "@/lib/dates";
import { Random } from "@/lib/random";
import { Progress } from "../lib/progress";
import { type Corpus, generateText, loadCorpus } from "./corpus";

/**
 * The scale dataset of `npm run bench`: N papers at ~400 a weekday (arXiv's cs + stat listings),
 * text recombined from the real papers, heavy-tailed upvotes, 100k users holding 5M votes, 100k digest
 * subscribers. Written with COPY into a database of its own and kept: the next run reuses it when it
 * was generated with the same parameters and generator version, and finished.
 */

/** Bump when the generated data changes shape, so that an older dataset is rebuilt instead of reused. */
export const DATASET_VERSION = 2; // 2: arXiv categories
export const PAPERS_PER_WEEKDAY = 400;
/** The last feed day: the newest day of the real lists the text comes from. */
export const DATASET_LAST_DAY = "2026-08-21" as Day;
const SEED = 20_261_129;
/** COPY streams run in parallel: PostgreSQL computes each row's tsvector, so this uses both cores. */
const PARALLEL_STREAMS = 2;

export interface DatasetSpec {
  version: number;
  papers: number;
  users: number;
  /** Average local votes per paper (5M votes over 1M papers). */
  votesPerPaper: number;
  subscribers: number;
}

export function datasetSpec(papers: number): DatasetSpec {
  const hundredth = Math.max(10, Math.round(papers / 10));
  return {
    version: DATASET_VERSION,
    papers,
    users: Math.min(100_000, hundredth),
    votesPerPaper: 5,
    subscribers: Math.min(100_000, hundredth),
  };
}

export interface DatasetSummary {
  reused: boolean;
  papers: number;
  users: number;
  votes: number;
  subscribers: number;
  days: number;
  firstDay: Day;
  lastDay: Day;
  seconds: number;
}

interface DayPlan {
  index: number;
  day: Day;
  count: number;
  firstId: number;
  /** Papers of the same month listed on earlier days: arXiv numbers run per month. */
  monthOffset: number;
}

/** Weekdays back from the last day, ~400 papers each (300 to 500), until there are `papers`. */
export function planDays(papers: number): DayPlan[] {
  const random = new Random(SEED);
  const days: { day: Day; count: number }[] = [];
  let left = papers;
  for (let day = DATASET_LAST_DAY; left > 0; day = addDays(day, -1)) {
    const weekday = dateFromDay(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const count = Math.min(left, random.int(PAPERS_PER_WEEKDAY - 100, PAPERS_PER_WEEKDAY + 100));
    days.push({ day, count });
    left -= count;
  }
  days.reverse();
  const plans: DayPlan[] = [];
  let id = 1;
  const perMonth = new Map<string, number>();
  for (const [index, { day, count }] of days.entries()) {
    const month = day.slice(0, 7);
    const monthOffset = perMonth.get(month) ?? 0;
    perMonth.set(month, monthOffset + count);
    plans.push({ index, day, count, firstId: id, monthOffset });
    id += count;
  }
  return plans;
}

/**
 * Per paper, everything about its votes, drawn from one stream per day so that the papers pass and the
 * votes pass agree without holding 1M papers in memory: local votes (heavy-tailed, mean ~5), upvotes
 * carried from the source, and which users voted (a stride through the user ids, so no user votes twice).
 */
function voteDraw(random: Random, users: number) {
  const local = random.powerLaw(1.25, 1.5, Math.min(20_000, users));
  const source = random.powerLaw(1.5, 1, 2_000);
  const start = random.int(0, users - 1);
  const stride = STRIDES[random.int(0, STRIDES.length - 1)] ?? 1;
  return { local, source, start, stride };
}
// Primes above every user count we generate (at most 100,000), hence coprime with it: start + i * stride
// (mod users) visits distinct users for i < users.
const STRIDES = [100_003, 100_019, 100_043, 100_049, 100_057, 100_069];

const userId = (n: number) => `bu${n}`;
const dayRandom = (plan: DayPlan, stream: number) => new Random(SEED ^ (plan.index * 7_919 + stream * 104_729));

function csv(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  return `"${value.replaceAll('"', '""')}"`;
}

function pgArray(values: string[]): string {
  return `{${values.map((value) => `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`).join(",")}}`;
}

async function write(stream: Writable, chunk: string) {
  if (!stream.write(chunk)) await once(stream, "drain");
}

async function copy(client: pg.Client, sql: string, produce: (stream: Writable) => Promise<void>) {
  const stream = client.query(copyFrom(sql));
  const finished = once(stream, "finish");
  await produce(stream);
  stream.end();
  await finished;
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // Skips triggers and foreign-key checks during the load (the generator guarantees both), where the
  // server allows it (a superuser; the embedded server's and Debian's `postgres` are).
  await client.query("SET session_replication_role = replica").catch(() => {});
  return client;
}

/**
 * Each paper's title word ranks (paper_title_ranks, lib/search/held-ranks.ts), which a trigger keeps
 * for papers written any other way: the load skips triggers. Only the papers without them, a share of
 * the ids on each connection; a million papers take ~15 s.
 */
async function rankTitleWords(clients: pg.Client[], log: (line: string) => void) {
  const started = performance.now();
  const results = await Promise.all(
    clients.map((client, share) =>
      client.query(
        `INSERT INTO paper_title_ranks (paper_id, ranks)
         SELECT p.id, title_word_ranks(p.search_vector, p.title_vector) FROM papers p
         WHERE p.id % $1 = $2 AND NOT EXISTS (SELECT 1 FROM paper_title_ranks r WHERE r.paper_id = p.id)`,
        [clients.length, share],
      ),
    ),
  );
  const ranked = results.reduce((sum, result) => sum + (result.rowCount ?? 0), 0);
  if (ranked === 0) return;
  await clients[0]?.query("VACUUM (ANALYZE) paper_title_ranks");
  log(`Title word ranks: ${ranked.toLocaleString("en-US")} papers in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

function arxivId(plan: DayPlan, n: number): string {
  return `${plan.day.slice(2, 4)}${plan.day.slice(5, 7)}.${String(60_000 + plan.monthOffset + n).padStart(5, "0")}`;
}

function publishedAt(plan: DayPlan, random: Random): string {
  const ms = dateFromDay(plan.day).getTime() - random.int(0, 2 * 86_400) * 1000;
  return new Date(ms).toISOString();
}

async function copyPapers(client: pg.Client, plans: DayPlan[], corpus: Corpus, spec: DatasetSpec, progress: Progress) {
  await copy(
    client,
    `COPY papers (id, arxiv_id, title, abstract, authors, published_at, feed_day, source_upvotes, upvotes, github_repo,
                  created_at, updated_at, categories) FROM STDIN WITH (FORMAT csv)`,
    async (stream) => {
      for (const plan of plans) {
        const text = dayRandom(plan, 1);
        const votes = dayRandom(plan, 2);
        let chunk = "";
        for (let n = 0; n < plan.count; n++) {
          const paper = generateText(corpus, text);
          const draw = voteDraw(votes, spec.users);
          const at = publishedAt(plan, text);
          chunk += `${[
            plan.firstId + n,
            csv(arxivId(plan, n)),
            csv(paper.title),
            csv(paper.abstract),
            csv(pgArray(paper.authors)),
            csv(at),
            csv(plan.day),
            draw.source,
            draw.source + draw.local,
            csv(paper.githubRepo),
            csv(at),
            csv(at),
            csv(pgArray(paper.categories)),
          ].join(",")}\n`;
        }
        await write(stream, chunk);
        progress.add(plan.count);
      }
    },
  );
}

async function copyVotes(client: pg.Client, plans: DayPlan[], spec: DatasetSpec, progress: Progress): Promise<number> {
  let total = 0;
  await copy(client, "COPY votes (user_id, paper_id, created_at) FROM STDIN WITH (FORMAT csv)", async (stream) => {
    for (const plan of plans) {
      const votes = dayRandom(plan, 2);
      const at = csv(`${plan.day}T12:00:00Z`);
      let chunk = "";
      for (let n = 0; n < plan.count; n++) {
        const draw = voteDraw(votes, spec.users);
        for (let i = 0; i < draw.local; i++) {
          chunk += `${userId((draw.start + i * draw.stride) % spec.users)},${plan.firstId + n},${at}\n`;
        }
        total += draw.local;
      }
      await write(stream, chunk);
      progress.add(plan.count);
    }
  });
  return total;
}

async function copyUsers(client: pg.Client, spec: DatasetSpec) {
  await copy(client, "COPY users (id, email, email_verified, created_at) FROM STDIN WITH (FORMAT csv)", async (stream) => {
    for (let n = 0; n < spec.users; n++) {
      await write(stream, `${userId(n)},reader${n}@bench.invalid,2025-01-01T00:00:00Z,2025-01-01T00:00:00Z\n`);
    }
  });
}

/** Digest subscribers: 85% daily, 15% weekly, one in ten with a keyword filter. */
async function copySubscribers(client: pg.Client, spec: DatasetSpec) {
  const random = new Random(SEED + 1);
  const keywords = ["diffusion", "reinforcement learning", "robot", "agent", "speech", "video"];
  await copy(
    client,
    `COPY subscribers (id, email, token, status, frequency, keywords, confirmed_at, created_at, updated_at)
     FROM STDIN WITH (FORMAT csv)`,
    async (stream) => {
      for (let n = 0; n < spec.subscribers; n++) {
        const frequency = random.next() < 0.85 ? "daily" : "weekly";
        const keyword = random.next() < 0.1 ? csv(random.pick(keywords)) : "";
        const at = "2025-01-01T00:00:00Z";
        await write(
          stream,
          `bs${n},subscriber${n}@bench.invalid,${random.token(43)},active,${frequency},${keyword},${at},${at},${at}\n`,
        );
      }
    },
  );
}

interface SavedIndex {
  name: string;
  definition: string;
  constraint: string | null;
  table: string;
}

/** Secondary indexes (and the votes primary key) are dropped for the load and built afterwards: much faster. */
async function dropIndexes(client: pg.Client): Promise<SavedIndex[]> {
  const { rows } = await client.query<SavedIndex>(`
    SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition, t.relname AS "table",
           (SELECT conname FROM pg_constraint c WHERE c.conindid = i.oid AND c.conrelid = t.oid) AS constraint
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    WHERE t.relname IN ('papers', 'votes') AND i.relname <> 'papers_pkey'`);
  for (const index of rows) {
    await client.query(
      index.constraint
        ? `ALTER TABLE "${index.table}" DROP CONSTRAINT "${index.constraint}"`
        : `DROP INDEX IF EXISTS "${index.name}"`,
    );
  }
  return rows;
}

async function restoreIndexes(clients: pg.Client[], indexes: SavedIndex[], log: (line: string) => void) {
  const queue = [...indexes];
  await Promise.all(
    clients.map(async (client) => {
      await client.query("SET maintenance_work_mem = '1GB'");
      for (let index = queue.shift(); index; index = queue.shift()) {
        const started = performance.now();
        await client.query(index.definition);
        if (index.constraint) {
          await client.query(
            `ALTER TABLE "${index.table}" ADD CONSTRAINT "${index.constraint}" PRIMARY KEY USING INDEX "${index.name}"`,
          );
        }
        log(`  index ${index.name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }
    }),
  );
}

async function storedSpec(client: pg.Client): Promise<DatasetSpec | null> {
  await client.query(`CREATE TABLE IF NOT EXISTS bench_dataset (spec jsonb NOT NULL, completed_at timestamptz)`);
  const { rows } = await client.query<{ spec: DatasetSpec }>(
    "SELECT spec FROM bench_dataset WHERE completed_at IS NOT NULL LIMIT 1",
  );
  return rows[0]?.spec ?? null;
}

/**
 * Makes sure the bench database holds the dataset of `spec`: reuses it when it is already there
 * (same parameters, same generator version, generation finished), otherwise empties the tables and
 * generates it.
 */
export async function ensureDataset(url: string, spec: DatasetSpec, log: (line: string) => void): Promise<DatasetSummary> {
  const started = performance.now();
  const plans = planDays(spec.papers);
  const first = plans[0];
  const last = plans.at(-1);
  if (!first || !last) throw new Error("--papers must be at least 1");
  const clients = await Promise.all(Array.from({ length: PARALLEL_STREAMS }, () => connect(url)));
  const [main] = clients;
  if (!main) throw new Error("no connection");
  try {
    const summaryOf = async (reused: boolean): Promise<DatasetSummary> => {
      const { rows } = await main.query<{ papers: number; users: number; votes: number; subscribers: number }>(
        `SELECT (SELECT count(*)::int FROM papers) AS papers, (SELECT count(*)::int FROM users WHERE id LIKE 'bu%') AS users,
                (SELECT count(*)::int FROM votes) AS votes, (SELECT count(*)::int FROM subscribers) AS subscribers`,
      );
      const counts = rows[0] ?? { papers: 0, users: 0, votes: 0, subscribers: 0 };
      return {
        reused,
        ...counts,
        days: plans.length,
        firstDay: first.day,
        lastDay: last.day,
        seconds: (performance.now() - started) / 1000,
      };
    };
    const stored = await storedSpec(main);
    // jsonb keeps its own key order, so the fields are compared one by one.
    if (stored && (Object.keys(spec) as (keyof DatasetSpec)[]).every((key) => stored[key] === spec[key])) {
      log(`Reusing the dataset in this database (${spec.papers.toLocaleString("en-US")} papers, generator v${spec.version}).`);
      // A dataset loaded before the load ranked the titles' words has none: they are added once.
      await rankTitleWords(clients, log);
      return await summaryOf(true);
    }
    log(
      `Generating ${spec.papers.toLocaleString("en-US")} papers over ${plans.length.toLocaleString("en-US")} weekdays ` +
        `(${first.day} to ${last.day}), ${spec.users.toLocaleString("en-US")} users, ~${(spec.papers * spec.votesPerPaper).toLocaleString("en-US")} votes, ` +
        `${spec.subscribers.toLocaleString("en-US")} subscribers...`,
    );
    await main.query("DELETE FROM bench_dataset");
    await main.query("TRUNCATE papers, users, subscribers, digest_deliveries, rate_limits RESTART IDENTITY CASCADE");
    const corpus = await loadCorpus();
    const indexes = await dropIndexes(main);
    await copyUsers(main, spec);
    await copySubscribers(main, spec);

    const papersProgress = new Progress("papers", spec.papers);
    const shares = clients.map((_, stream) => plans.filter((plan) => plan.index % clients.length === stream));
    await Promise.all(clients.map((client, i) => copyPapers(client, shares[i] ?? [], corpus, spec, papersProgress)));
    papersProgress.finish();
    const votesProgress = new Progress("votes", spec.papers);
    await Promise.all(clients.map((client, i) => copyVotes(client, shares[i] ?? [], spec, votesProgress)));
    votesProgress.finish();

    log("Building indexes...");
    await restoreIndexes(clients, indexes, log);
    await main.query("SELECT setval(pg_get_serial_sequence('papers', 'id'), (SELECT max(id) FROM papers))");
    log("VACUUM ANALYZE...");
    await Promise.all([
      main.query("VACUUM (ANALYZE) papers"),
      clients[1]?.query("VACUUM (ANALYZE) votes") ?? main.query("VACUUM (ANALYZE) votes"),
    ]);
    await main.query("VACUUM (ANALYZE) users, subscribers");
    await rankTitleWords(clients, log);
    await main.query("INSERT INTO bench_dataset (spec, completed_at) VALUES ($1, now())", [JSON.stringify(spec)]);
    return await summaryOf(false);
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}
