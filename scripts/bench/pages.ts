import { writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { gzipSync } from "node:zlib";
import type pg from "pg";
import { type Day, monthOf, weekOf } from "@/lib/dates";
import { get, hammer, type LatencyStats, latencyStats, timeEach } from "./load";
import { startHelper, stopChild, UNCACHED } from "./processes";
import { check, count, kb, ms, percent, type Section } from "./report";

/** Each series of distinct URLs gets this long at most (the slow ones report fewer samples). */
export interface PageBenchOptions {
  origin: string;
  db: pg.Pool;
  budgetMs: number;
  samples: number;
  log: (line: string) => void;
}

const TARGET_MS = 100;
/** Distinct URLs are asked as a crawler asks them: a couple at a time (one per core of this machine). */
const CRAWLER_CONCURRENCY = 2;
const SATURATION = { connections: 32, seconds: 15 };
const CONSTANT_RATE = 200;
export const SESSION_COOKIE = "next-auth.session-token";

function shuffle<T>(items: T[], seed = 7): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export interface Samples {
  arxivIds: string[];
  days: Day[];
  weeks: string[];
  months: string[];
  latestDay: Day;
  /** First authors of the sampled papers (prolific and not, as the corpus has them). */
  authors: string[];
  /** Category pages: every category of the catalogue, and pages deep into the big ones. */
  categoryPages: string[];
}

export async function sampleCatalogue(db: pg.Pool, size: number): Promise<Samples> {
  const { rows: bounds } = await db.query<{ max: number }>("SELECT max(id)::int AS max FROM papers");
  const max = bounds[0]?.max ?? 0;
  const ids = shuffle(
    Array.from({ length: max }, (_, i) => i + 1),
    11,
  ).slice(0, size);
  const { rows: papers } = await db.query<{ arxiv_id: string; author: string | null }>(
    "SELECT arxiv_id, authors[1] AS author FROM papers WHERE id = ANY($1::int[])",
    [ids],
  );
  // The categories as PostgreSQL's statistics know them (most common first), without reading every row.
  const { rows: stats } = await db.query<{ categories: string[] | null }>(
    `SELECT most_common_elems::text::text[] AS categories FROM pg_stats
     WHERE schemaname = current_schema() AND tablename = 'papers' AND attname = 'categories'`,
  );
  const categories = stats[0]?.categories ?? [];
  const categoryPages = shuffle(
    [
      ...new Set(
        categories.flatMap((category, index) =>
          Array.from({ length: Math.max(1, 8 - index) }, (_, page) =>
            page === 0 ? `/papers?category=${category}` : `/papers?category=${category}&page=${Math.min(page * 2, 10)}`,
          ),
        ),
      ),
    ],
    23,
  );
  const { rows: days } = await db.query<{ day: string }>(
    "SELECT DISTINCT to_char(feed_day, 'YYYY-MM-DD') AS day FROM papers ORDER BY 1",
  );
  const allDays = days.map((row) => row.day as Day);
  const picked = shuffle(allDays, 13).slice(0, size);
  return {
    arxivIds: shuffle(papers.map((row) => row.arxiv_id)),
    days: picked,
    weeks: [...new Set(shuffle(allDays, 17).map((day) => weekOf(day).key))].slice(0, size),
    months: [...new Set(shuffle(allDays, 19).map((day) => monthOf(day).key))].slice(0, size),
    latestDay: allDays.at(-1) ?? ("2026-08-21" as Day),
    authors: [...new Set(papers.map((row) => row.author).filter((name): name is string => Boolean(name)))],
    categoryPages,
  };
}

/** Anonymous throughput of one page at saturation beside a bare server sending its bytes, then at a constant rate. */
async function throughputRows(options: PageBenchOptions, label: string, pathName: string, withConstantRate: boolean) {
  const url = `${options.origin}${pathName}`;
  await fetch(url).then((response) => response.text());
  const response = await fetch(url);
  const body = Buffer.from(await response.arrayBuffer());
  const file = path.join(os.tmpdir(), `daily-papers-bench-${process.pid}.body`);
  await writeFile(file, body);
  const bare = await startHelper("bare-server.ts", [file, response.headers.get("content-type") ?? "text/html"]);
  options.log(`  ${label}: ${kb(body.length)} a request; app, then bare server, ${SATURATION.seconds} s each...`);
  const app = await hammer(url, SATURATION);
  const ceiling = await hammer(`http://127.0.0.1:${bare.port}/`, SATURATION);
  await stopChild(bare.child);
  const share = app.rps / ceiling.rps;
  const rows: Section["rows"] = [
    {
      cells: [
        `${label} (${kb(body.length)})`,
        count(app.rps),
        count(ceiling.rps),
        percent(share),
        ms(app.p99),
        count(app.errors),
      ],
      check: label.startsWith("anonymous day") ? check(share >= 0.3, "≥ 30 % of ceiling") : undefined,
    },
  ];
  if (withConstantRate) {
    options.log(`  ${label} at a constant ${CONSTANT_RATE} requests/s...`);
    const steady = await hammer(url, { connections: SATURATION.connections, seconds: SATURATION.seconds, rate: CONSTANT_RATE });
    rows.push({
      cells: [`${label} at ${CONSTANT_RATE} rps constant`, count(steady.rps), "", "", ms(steady.p99), count(steady.errors)],
      check: check(steady.p99 < TARGET_MS && steady.errors === 0, `p99 < ${TARGET_MS} ms`),
    });
  }
  return rows;
}

export async function benchThroughput(options: PageBenchOptions, samples: Samples): Promise<Section> {
  options.log("Throughput...");
  return {
    title: `Throughput: autocannon, ${SATURATION.connections} connections, ${SATURATION.seconds} s; ceiling = the same bytes from a bare node:http server, measured right after`,
    columns: ["what", "app rps", "ceiling rps", "share", "p99", "errors"],
    rows: [
      ...(await throughputRows(options, "anonymous day page", `/papers/date/${samples.latestDay}`, true)),
      ...(await throughputRows(options, "anonymous paper page", `/papers/${samples.arxivIds[0]}`, false)),
    ],
  };
}

type Series = { label: string; urls: string[]; expect?: number; headers?: Record<string, string> };

function latencyRow(label: string, miss: LatencyStats, warm: LatencyStats): Section["rows"][number] {
  return {
    cells: [label, count(miss.n), ms(miss.p50), ms(miss.p99), ms(warm.p50), ms(warm.p99), count(miss.errors + warm.errors)],
    check: check(miss.p99 < TARGET_MS && miss.errors === 0, `miss p99 < ${TARGET_MS} ms`),
  };
}

/** Each URL once (a miss, as a crawler makes them), then the same URLs again (warm). */
async function distinct(options: PageBenchOptions, series: Series[]): Promise<Section["rows"]> {
  const rows: Section["rows"] = [];
  for (const { label, urls, expect, headers } of series) {
    const requests = urls.slice(0, options.samples).map((url) => ({ url: `${options.origin}${url}`, expect, headers }));
    options.log(`  ${label}: ${requests.length} distinct URLs...`);
    const miss = await timeEach(requests, { concurrency: CRAWLER_CONCURRENCY, budgetMs: options.budgetMs });
    const warm = await timeEach(requests.slice(0, miss.n), { concurrency: CRAWLER_CONCURRENCY, budgetMs: options.budgetMs });
    const slowest = (miss.slowest ?? []).map(({ url, ms: time }) => `${ms(time)} ${url.slice(options.origin.length)}`);
    options.log(`    slowest misses: ${slowest.join(", ")}`);
    rows.push(latencyRow(label, miss, warm));
  }
  return rows;
}

export const LATENCY_COLUMNS = ["what", "n", "miss p50", "miss p99", "warm p50", "warm p99", "errors"];
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

export async function benchPages(options: PageBenchOptions, samples: Samples): Promise<Section> {
  options.log("Pages...");
  const n = options.samples;
  return {
    title: "Pages: distinct URLs, each asked once (cache miss), then again (warm); 2 at a time",
    columns: LATENCY_COLUMNS,
    rows: await distinct(options, [
      { label: "paper page (with similar papers)", urls: samples.arxivIds.map((id) => `/papers/${id}`) },
      { label: "day page", urls: samples.days.map((day) => `/papers/date/${day}`) },
      { label: "week page", urls: samples.weeks.map((week) => `/papers/week/${week}`) },
      { label: "month page", urls: samples.months.map((month) => `/papers/month/${month}`) },
      { label: "author page", urls: samples.authors.map((name) => `/authors/${encodeURIComponent(name)}`) },
      { label: "category page", urls: samples.categoryPages },
      // Never kept (see UNCACHED), so each request renders, as a miss does.
      { label: "home page (uncached render)", urls: range(n).map(() => "/"), headers: UNCACHED },
      { label: "trending page (uncached render)", urls: range(n).map(() => "/papers/trending"), headers: UNCACHED },
    ]),
  };
}

/** How long each kind of page is asked for in the cold first minute. */
const COLD_SERIES_MS = 20_000;

/**
 * The first minute after PostgreSQL restarts, before anything is prewarmed: 20 s each of paper pages,
 * day pages and searches, each URL once (misses), 2 at a time. The kernel's file cache is as it was
 * (emptying it needs root); PostgreSQL's own cache is empty. URLs are taken from the far end of the
 * samples, so that the series measured after it still find their pages unread.
 */
export async function benchColdMinute(options: PageBenchOptions, samples: Samples): Promise<Section["rows"]> {
  options.log("  cold first minute after the restart (no prewarm)...");
  const series: Series[] = [
    { label: "cold first minute: paper page", urls: [...samples.arxivIds].reverse().map((id) => `/papers/${id}`) },
    { label: "cold first minute: day page", urls: [...samples.days].reverse().map((day) => `/papers/date/${day}`) },
    {
      label: "cold first minute: search",
      urls: [...(SEARCH_SHAPES["two words"] ?? []), ...(SEARCH_SHAPES.question ?? [])].map(
        (q) => `/papers?q=${encodeURIComponent(q)}`,
      ),
    },
  ];
  const rows: Section["rows"] = [];
  for (const { label, urls } of series) {
    const miss = await timeEach(
      urls.map((url) => ({ url: `${options.origin}${url}` })),
      { concurrency: CRAWLER_CONCURRENCY, budgetMs: COLD_SERIES_MS },
    );
    rows.push({ cells: [label, count(miss.n), ms(miss.p50), ms(miss.p99), "", "", count(miss.errors)] });
  }
  return rows;
}

export const SEARCH_SHAPES: Record<string, string[]> = {
  "frequent word": [
    "model",
    "language",
    "learning",
    "diffusion",
    "video",
    "data",
    "training",
    "agents",
    "reasoning",
    "image",
    "generation",
    "benchmark",
    "performance",
    "vision",
    "reinforcement",
    "attention",
    "multimodal",
    "robot",
    "transformer",
    "tokens",
    "methods",
    "tasks",
    "results",
    "approach",
    "framework",
    "evaluation",
    "large",
    "dataset",
    "policy",
    "visual",
  ],
  "two words": [
    "language model",
    "video generation",
    "image editing",
    "reinforcement learning",
    "vision language",
    "text generation",
    "code generation",
    "speech recognition",
    "mixture experts",
    "world model",
    "reward model",
    "policy optimization",
    "visual reasoning",
    "long context",
    "diffusion transformer",
    "graph neural",
    "data synthesis",
    "instruction tuning",
    "preference optimization",
    "model merging",
    "agent benchmark",
    "token pruning",
    "video understanding",
    "3d generation",
    "image generation",
    "multimodal reasoning",
    "self improvement",
    "tool use",
    "chain thought",
    "embodied agents",
  ],
  phrase: [
    '"large language model"',
    '"reinforcement learning"',
    '"chain of thought"',
    '"diffusion model"',
    '"state of the art"',
    '"vision language model"',
    '"mixture of experts"',
    '"video generation"',
    '"reward model"',
    '"in context learning"',
    '"text to image"',
    '"language models"',
    '"open source"',
    '"knowledge distillation"',
    '"attention mechanism"',
    '"test time"',
    '"fine tuning"',
    '"zero shot"',
    '"multi agent"',
    '"low rank"',
    '"point cloud"',
    '"speech synthesis"',
    '"image editing"',
    '"world model"',
    '"long context"',
    '"tool use"',
    '"code generation"',
    '"data augmentation"',
    '"human feedback"',
    '"question answering"',
  ],
  question: [
    "how to compress deep networks",
    "why do language models hallucinate",
    "how can robots learn from human videos",
    "how to make llm inference faster",
    "can language models judge other models",
    "how do you detect ai generated images",
    "do reasoning models think for too long",
    "how to give agents long term memory",
    "what makes in context learning work",
    "how to train models with less data",
    "why does reinforcement learning improve reasoning",
    "how to evaluate text to image models",
    "can small models reason like large ones",
    "how to align language models with human values",
    "what is a world model",
    "how to reduce the cost of training transformers",
    "how do diffusion models generate video",
    "can llms write correct code",
    "how to measure bias in language models",
    "how do vision transformers see images",
    "why do models forget when fine tuned",
    "how to speed up diffusion sampling",
    "what do attention heads learn",
    "how to generate 3d objects from text",
    "can models understand long documents",
    "how do agents use tools",
    "how to make speech synthesis sound natural",
    "what limits scaling laws",
    "how to protect models from jailbreaks",
    "how are multimodal models evaluated",
  ],
  description: [
    "making a model forget specific training data",
    "teaching a small model with a large one",
    "models that write computer programs",
    "stopping chatbots from being tricked into harmful answers",
    "language models that tell users what they want to hear",
    "learning to predict how the world changes to plan actions",
    "hidden marks that identify machine generated content",
    "understanding what the inside of a neural network computes",
    "robots that follow spoken instructions in a kitchen",
    "turning a single photo into a three dimensional scene",
    "agents that click through websites to finish tasks",
    "generating music from a text description",
    "answering questions about long videos",
    "checking whether a chatbot's facts are true",
    "sharing one model across many languages",
    "finding the right documents before answering a question",
    "editing photos by describing the change in words",
    "teaching models to solve olympiad math problems",
    "predicting protein structure with deep learning",
    "running large models on a phone",
    "models that reason over tables and charts",
    "simulating people with language model agents",
    "reading medical scans with artificial intelligence",
    "making image generators follow the prompt more closely",
    "cheaper attention for very long inputs",
    "learning rewards from human preferences",
    "testing whether models can plan several steps ahead",
    "translating speech directly into another language",
    "keeping a model's answers consistent across rephrasings",
    "driving cars with models that see and talk",
  ],
  hyphenated: [
    "tokenizer-free language models",
    "vision-language-action models",
    "text-to-3d generation",
    "multi-token prediction",
    "test-time scaling",
    "long-context retrieval",
    "zero-shot voice cloning",
    "text-to-image diffusion",
    "self-supervised pretraining",
    "mixture-of-experts routing",
    "chain-of-thought reasoning",
    "retrieval-augmented generation",
    "low-rank adaptation",
    "in-context learning",
    "multi-agent debate",
    "image-to-video generation",
    "open-source llm",
    "instruction-following evaluation",
    "kv-cache compression",
    "state-space models",
    "real-time rendering",
    "fine-grained recognition",
    "cross-lingual transfer",
    "human-in-the-loop",
    "end-to-end driving",
    "post-training quantization",
    "vision-language models",
    "text-to-speech",
    "red-teaming language models",
    "sparse-attention kernels",
  ],
  "no match": Array.from({ length: 30 }, (_, i) => `zqxv${String.fromCharCode(97 + (i % 26))}wkpj${i}`),
};

/** Words that occur in one sentence or title half of the real papers: a few dozen to a few hundred generated papers. */
export async function rareWords(db: pg.Pool, size: number): Promise<string[]> {
  const { rows } = await db.query<{ word: string }>(
    `SELECT word FROM ts_stat($$SELECT to_tsvector('simple', title) FROM papers WHERE id % 200 = 0$$)
     WHERE ndoc = 1 AND length(word) >= 7 AND word ~ '^[a-z]+$' ORDER BY word LIMIT $1`,
    [size * 5],
  );
  return shuffle(rows.map((row) => row.word)).slice(0, size);
}

/** Titles of random papers, as a reader who knows the paper types them (lower case, no punctuation). */
export async function paperTitles(db: pg.Pool, size: number): Promise<string[]> {
  const { rows: bounds } = await db.query<{ max: number }>("SELECT max(id)::int AS max FROM papers");
  const ids = shuffle(
    Array.from({ length: bounds[0]?.max ?? 0 }, (_, i) => i + 1),
    29,
  ).slice(0, size);
  const { rows } = await db.query<{ title: string }>("SELECT title FROM papers WHERE id = ANY($1::int[]) ORDER BY id", [ids]);
  return shuffle(
    rows.map((row) =>
      row.title
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, " ")
        .trim(),
    ),
  );
}

export async function benchSearch(options: PageBenchOptions, queries: { rare: string[]; titles: string[] }): Promise<Section> {
  options.log("Search...");
  const page = (q: string, extra = "") => `/papers?q=${encodeURIComponent(q)}${extra}`;
  const shapes: Series[] = [
    ...Object.entries(SEARCH_SHAPES).map(([label, queries]) => ({
      label: `search: ${label}`,
      urls: queries.map((q) => page(q)),
    })),
    { label: "search: a paper's title", urls: queries.titles.map((q) => page(q)) },
    { label: "search: rare word", urls: queries.rare.map((q) => page(q)) },
    { label: "search: frequent word, page 5", urls: (SEARCH_SHAPES["frequent word"] ?? []).map((q) => page(q, "&page=5")) },
  ];
  return {
    title: "Search page by query shape (distinct queries; miss then warm)",
    columns: LATENCY_COLUMNS,
    rows: await distinct(options, shapes),
  };
}

export async function benchApi(options: PageBenchOptions, samples: Samples): Promise<Section> {
  options.log("API and feeds...");
  const n = options.samples;
  const words = [...(SEARCH_SHAPES["frequent word"] ?? []), ...(SEARCH_SHAPES["two words"] ?? [])];
  const sentences = [...(SEARCH_SHAPES.question ?? []), ...(SEARCH_SHAPES.description ?? [])];
  return {
    title: "JSON API and RSS (distinct URLs; miss then warm)",
    columns: LATENCY_COLUMNS,
    rows: await distinct(options, [
      { label: "GET /api/daily_papers?date=", urls: samples.days.map((day) => `/api/daily_papers?date=${day}`) },
      { label: "GET /api/daily_papers?month=&p=2", urls: samples.months.map((month) => `/api/daily_papers?month=${month}&p=2`) },
      { label: "GET /api/papers/<id>", urls: samples.arxivIds.map((id) => `/api/papers/${id}`) },
      { label: "GET /api/papers/search?q= (words)", urls: words.map((q) => `/api/papers/search?q=${encodeURIComponent(q)}`) },
      {
        label: "GET /api/papers/search?q= (sentences)",
        urls: sentences.map((q) => `/api/papers/search?q=${encodeURIComponent(q)}`),
      },
      { label: "GET /feeds/daily.xml (uncached)", urls: range(n).map(() => "/feeds/daily.xml"), headers: UNCACHED },
      { label: "GET /feeds/search.xml?q=", urls: words.map((q) => `/feeds/search.xml?q=${encodeURIComponent(q)}`) },
    ]),
  };
}

// Scripts a modern browser runs; `noModule` ones (legacy polyfills) it never downloads.
const SCRIPT_TAG = /<script\b[^>]*>/g;
const scriptSources = (html: string) =>
  [...html.matchAll(SCRIPT_TAG)]
    .map((match) => match[0])
    .filter((tag) => !/\snomodule\b/i.test(tag))
    .map((tag) => /\ssrc="([^"]+)"/.exec(tag)?.[1] ?? "")
    .filter(Boolean);
// Scripts a page starts only when the reader first interacts (lib/page-cache/defer-hydration.ts).
const DEFERRED_TAG = /<script type="text\/x-deferred" data-src="([^"]+)"><\/script>/g;
const deferredSources = (html: string) => [...html.matchAll(DEFERRED_TAG)].map((match) => match[1] ?? "");

/** Tries before giving up on finding a page's shared copy (each server process keeps its own). */
const SHARED_COPY_TRIES = 8;

/**
 * What every reader after the first gets: the shared copy, where the app keeps one (`x-page-cache:
 * HIT`; each server process has its own, so the first answers may come from processes that have not
 * stored it yet), else the last of a few answers.
 */
async function sharedCopy(url: string): Promise<string> {
  let html = "";
  for (let attempt = 1; attempt <= SHARED_COPY_TRIES; attempt++) {
    const response = await fetch(url);
    html = await response.text();
    if (response.headers.get("x-page-cache") === "HIT") break;
  }
  return html;
}

/** HTML size of each page and the JavaScript it loads before it is interactive (gzip, as served). */
export async function benchSizes(options: PageBenchOptions, samples: Samples): Promise<Section> {
  options.log("Page weight...");
  const pages: [string, string][] = [
    ["home", "/"],
    ["day", `/papers/date/${samples.latestDay}`],
    ["week", `/papers/week/${weekOf(samples.latestDay).key}`],
    ["month", `/papers/month/${monthOf(samples.latestDay).key}`],
    ["paper", `/papers/${samples.arxivIds[0]}`],
    ["search", "/papers?q=diffusion"],
    ["trending", "/papers/trending"],
    ["sign-in", "/auth/signin"],
    ["submit", "/papers/submit"],
  ];
  const jsSize = new Map<string, number>();
  const rows: Section["rows"] = [];
  for (const [label, pathName] of pages) {
    const html = await sharedCopy(`${options.origin}${pathName}`);
    const weigh = async (sources: string[]) => {
      let total = 0;
      for (const src of new Set(sources)) {
        if (!jsSize.has(src)) {
          const response = await fetch(new URL(src, options.origin));
          const code: ArrayBuffer = await response.arrayBuffer();
          jsSize.set(src, gzipSync(Buffer.from(code)).length);
        }
        total += jsSize.get(src) ?? 0;
      }
      return total;
    };
    const scripts = [...new Set(scriptSources(html))];
    const js = await weigh(scripts);
    const onInteraction = await weigh(deferredSources(html));
    const bytes = Buffer.byteLength(html);
    rows.push({
      cells: [label, kb(bytes), kb(gzipSync(html).length), count(scripts.length), kb(js), onInteraction ? kb(onInteraction) : ""],
      check: check(
        bytes <= 300 * 1024 && (["home", "day", "week", "month"].includes(label) ? js <= 120 * 1024 : true),
        label === "home" || ["day", "week", "month"].includes(label) ? "HTML ≤ 300 KB, JS ≤ 120 KB" : "HTML ≤ 300 KB",
      ),
    });
  }
  return {
    title:
      "Page weight (first load, JavaScript gzip-compressed; a shared page starts Next.js's runtime on the reader's first tap or key)",
    columns: ["page", "HTML", "HTML gzip", "scripts", "JS gzip", "JS gzip on first interaction"],
    rows,
  };
}

/** Signed-in bench users: a database session each, as next-auth creates them. */
export async function createSessions(db: pg.Pool, users: number): Promise<string[]> {
  await db.query("DELETE FROM sessions WHERE id LIKE 'bench-%'");
  const { rows } = await db.query<{ token: string }>(
    `INSERT INTO sessions (id, session_token, user_id, expires)
     SELECT 'bench-' || n, md5('bench-session-' || n) || md5('salt-' || n), 'bu' || n, now() + interval '1 day'
     FROM generate_series(0, $1 - 1) AS n
     RETURNING session_token AS token`,
    [users],
  );
  return rows.map((row) => row.token);
}

const CARD_ID = /data-arxiv-id="([^"]+)"/g;

/** Signed-in page views a second in the constant-rate series (each the page and the reader's own state). */
const SIGNED_IN_RATE = 100;
const SIGNED_IN_SECONDS = 15;
const SIGNED_IN_READERS = 8;

/**
 * A signed-in reader opening day pages: the page, and, where the app loads the reader's own upvote
 * states separately (GET /api/viewer), that request too, timed together. Measured twice: at a
 * constant arrival rate (each view starts on schedule whether or not earlier ones have finished, and
 * its time counts from then), and at saturation (readers opening one page after another).
 */
export async function benchSignedIn(options: PageBenchOptions, samples: Samples, sessions: string[]): Promise<Section> {
  options.log("Signed-in day pages...");
  const viewerExists = (await fetch(`${options.origin}/api/viewer`)).status !== 404;
  const view = async (i: number): Promise<number> => {
    const headers = { cookie: `${SESSION_COOKIE}=${sessions[i % sessions.length]}` };
    const day = samples.days[i % Math.min(samples.days.length, 20)];
    let errors = 0;
    try {
      const page = await get(`${options.origin}/papers/date/${day}`, { client: i, headers });
      if (page.status !== 200) errors += 1;
      if (viewerExists) {
        const ids = [...new Set([...page.body.matchAll(CARD_ID)].map((match) => match[1]))].join(",");
        const state = await get(`${options.origin}/api/viewer?ids=${ids}`, { client: i, headers });
        if (state.status !== 200) errors += 1;
      }
    } catch {
      errors += 1;
    }
    return errors;
  };

  // The 20 days' pages already rendered (as they are for every reader but a day's first few): a
  // render is a cache miss, measured in its own section. A few times each, for every server process.
  await Promise.all(
    samples.days
      .slice(0, 20)
      .flatMap((day, i) =>
        Array.from({ length: 4 }, (_, j) => get(`${options.origin}/papers/date/${day}`, { client: i * 4 + j })),
      ),
  );
  options.log(`  ${SIGNED_IN_RATE} views/s for ${SIGNED_IN_SECONDS} s...`);
  const steady: number[] = [];
  let steadyErrors = 0;
  const started = performance.now();
  const views: Promise<void>[] = [];
  for (let i = 0; i < SIGNED_IN_RATE * SIGNED_IN_SECONDS; i++) {
    const due = started + (i * 1000) / SIGNED_IN_RATE;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    views.push(
      view(i).then((errors) => {
        steady.push(performance.now() - due);
        steadyErrors += errors;
      }),
    );
  }
  await Promise.all(views);

  options.log(`  ${SIGNED_IN_READERS} readers at once for ${SIGNED_IN_SECONDS} s...`);
  const saturated: number[] = [];
  let saturatedErrors = 0;
  let next = 0;
  const deadline = performance.now() + SIGNED_IN_SECONDS * 1000;
  const reader = async () => {
    while (performance.now() < deadline) {
      const begun = performance.now();
      saturatedErrors += await view(next++);
      saturated.push(performance.now() - begun);
    }
  };
  const saturationStarted = performance.now();
  await Promise.all(Array.from({ length: SIGNED_IN_READERS }, reader));
  const saturationRate = saturated.length / ((performance.now() - saturationStarted) / 1000);

  const what = viewerExists ? "page + GET /api/viewer" : "page (states rendered in it)";
  const calm = latencyStats(steady, steadyErrors);
  const busy = latencyStats(saturated, saturatedErrors);
  return {
    title: `Signed-in day page with the reader's upvote states (20 days, ${SIGNED_IN_SECONDS} s each)`,
    columns: ["what", "views/s", "n", "p50", "p99", "errors"],
    rows: [
      {
        cells: [
          `${what}, ${SIGNED_IN_RATE}/s constant`,
          count(SIGNED_IN_RATE),
          count(calm.n),
          ms(calm.p50),
          ms(calm.p99),
          count(calm.errors),
        ],
        check: check(calm.p99 < TARGET_MS && calm.errors === 0, `p99 < ${TARGET_MS} ms`),
      },
      {
        cells: [
          `${what}, ${SIGNED_IN_READERS} readers at once`,
          count(saturationRate),
          count(busy.n),
          ms(busy.p50),
          ms(busy.p99),
          count(busy.errors),
        ],
      },
    ],
  };
}

/**
 * The For you page of distinct signed-in readers (generated users with their generated upvotes), each
 * once, 2 at a time: private pages, never shared, so every view ranks the latest papers for its reader.
 * The first view of a server process also builds the candidate pool (kept a minute), reported apart.
 */
export async function benchForYou(options: PageBenchOptions, sessions: string[]): Promise<Section> {
  options.log("For you pages...");
  const requests = sessions.slice(0, options.samples + 1).map((session) => ({
    url: `${options.origin}/papers/for-you`,
    headers: { cookie: `${SESSION_COOKIE}=${session}` },
  }));
  const [first, ...rest] = requests;
  const cold = await timeEach(first ? [first] : [], { concurrency: 1, budgetMs: options.budgetMs });
  const readers = await timeEach(rest, { concurrency: CRAWLER_CONCURRENCY, budgetMs: options.budgetMs });
  return {
    title: "For you: distinct signed-in readers (generated users and their upvotes), each once; 2 at a time",
    columns: ["what", "n", "p50", "p99", "errors"],
    rows: [
      {
        cells: ["first view (builds the candidate pool)", count(cold.n), ms(cold.p50), ms(cold.p99), count(cold.errors)],
      },
      {
        cells: ["For you page", count(readers.n), ms(readers.p50), ms(readers.p99), count(readers.errors)],
        check: check(readers.p99 < TARGET_MS && readers.errors === 0, `p99 < ${TARGET_MS} ms`),
      },
    ],
  };
}
