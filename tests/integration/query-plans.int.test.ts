import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAuthorPage, getAuthorPaperRecords } from "@/lib/authors/data";
import { type Day, dayPeriod, monthOf, weekOf } from "@/lib/dates";
import { claimDeliveries, planDeliveries } from "@/lib/digest/mutations";
import { getLatestPool, getReaderSignals } from "@/lib/for-you/data";
import { getReplyEmailContext } from "@/lib/notifications/data";
import { claimReplyNotifications } from "@/lib/notifications/mutations";
import {
  getCategoryPage,
  getLatestFeedDay,
  getNeighbourDays,
  getPaper,
  getPeriodPage,
  getPeriodPaperRecords,
  getRecentPaperRecords,
  getTrendingPapers,
} from "@/lib/papers/data";
import { getSavedPapers } from "@/lib/saved/data";
import { getSimilarPapers, searchPapers } from "@/lib/search/data";
import { parseSearchQuery } from "@/lib/search/query";
import { forgetTitleIndex, indexedTitleMatches, readTitleIndex, warmTitleIndex } from "@/lib/search/titles/data";
import { embedMissing, ensureModel } from "@/lib/search/vectors/embed";
import { getViewerState } from "@/lib/viewer/data";
import { setUpvote } from "@/lib/votes/mutations";
import { datasetSpec, ensureDataset } from "../../scripts/bench/dataset";

/**
 * The hot queries stay index-served at any size: every statement the feed, paper, search, trending,
 * API, feed, viewer, upvote and digest paths send is EXPLAINed on a generated catalogue (the bench's
 * generator, real text), with sequential scans priced out so the plan shows what the indexes can do,
 * and must have no sequential scan, no sort over an unbounded scan of papers, and no unbounded walk
 * of an index (one with neither a condition nor a LIMIT that stops it).
 */

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  "Recheck Cond"?: string;
  Plans?: PlanNode[];
}

const WATCHED = new Set([
  "papers",
  "votes",
  "digest_deliveries",
  "subscribers",
  "comments",
  "reply_notifications",
  "saved_papers",
  "follows",
  "paper_vectors",
  "vector_lists",
]);
const SCANS = new Set(["Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Heap Scan"]);
// Nodes that read all of their input before answering: a LIMIT above them does not bound what is below.
// (An Incremental Sort does not: it sorts one group of equal leading keys at a time and stops with the LIMIT.)
const BLOCKING = new Set(["Sort", "Aggregate", "Hash", "Materialize", "SetOp", "Unique", "WindowAgg", "Gather Merge"]);

function problems(node: PlanNode, limited: boolean, out: string[], path: string) {
  const here = `${path} > ${node["Node Type"]}${node["Relation Name"] ? ` on ${node["Relation Name"]}` : ""}${node["Index Name"] ? ` (${node["Index Name"]})` : ""}`;
  const relation = node["Relation Name"];
  if (relation && WATCHED.has(relation) && SCANS.has(node["Node Type"])) {
    if (node["Node Type"] === "Seq Scan") out.push(`sequential scan: ${here}`);
    else if (!node["Index Cond"] && !node["Recheck Cond"] && !limited) out.push(`unbounded scan: ${here}`);
  }
  const underLimit = node["Node Type"] === "Limit" || (limited && !BLOCKING.has(node["Node Type"]));
  for (const child of node.Plans ?? []) problems(child, underLimit, out, here);
}

const statements: { text: string; values: unknown[] }[] = [];
const originalQuery = pg.Client.prototype.query;
let recording = false;
let recordingCursors = false;

beforeAll(() => {
  // Records what the app sends (the queries still run as usual): the statements under test are the
  // app's own, not copies of them.
  pg.Client.prototype.query = function (this: pg.Client, config: unknown, values?: unknown, callback?: unknown) {
    const text = typeof config === "string" ? config : (config as { text?: string })?.text;
    const params = Array.isArray(values) ? values : ((config as { values?: unknown[] })?.values ?? []);
    // A cursor's query is explained as the query it reads, when asked (the titles' words read in the
    // background by a process's first search would otherwise be counted as that search's).
    const query = recordingCursors ? text?.replace(/^\s*DECLARE\s+\w+\s+(?:NO\s+SCROLL\s+)?CURSOR\s+FOR\s+/i, "") : text;
    if (recording && query && /^\s*(SELECT|WITH|UPDATE|INSERT|DELETE)\b/i.test(query))
      statements.push({ text: query, values: params });
    return (originalQuery as (...args: unknown[]) => unknown).call(this, config, values, callback);
  } as typeof pg.Client.prototype.query;
});

afterAll(() => {
  pg.Client.prototype.query = originalQuery;
});

async function explainAll(label: string, run: () => Promise<unknown>, options: { cursors?: boolean } = {}): Promise<string[]> {
  statements.length = 0;
  recording = true;
  recordingCursors = options.cursors ?? false;
  try {
    await run();
  } finally {
    recording = false;
    recordingCursors = false;
  }
  const recorded = [...statements];
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const found: string[] = [];
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL enable_seqscan = off");
    for (const statement of recorded) {
      const { rows } = await client.query<{ "QUERY PLAN": { Plan: PlanNode }[] }>(
        `EXPLAIN (FORMAT JSON) ${statement.text}`,
        statement.values,
      );
      const plan = rows[0]?.["QUERY PLAN"][0]?.Plan;
      if (plan) problems(plan, false, found, label);
    }
    await client.query("ROLLBACK");
  } finally {
    await client.end();
  }
  expect(recorded.length, `${label} sent no query`).toBeGreaterThan(0);
  return found;
}

describe("hot queries on a generated catalogue", () => {
  const query = (text: string) => {
    const parsed = parseSearchQuery(text);
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed;
  };

  it("are all served by indexes, however big the catalogue", async () => {
    // Generated here, not in beforeAll: every test starts from empty tables.
    await ensureDataset(process.env.DATABASE_URL ?? "", datasetSpec(20_000), () => {});
    // The load skips triggers: the titles' word ranks they keep are computed for every paper all the same.
    const { db } = await import("@/lib/db");
    const [unranked] = await db.$queryRaw<{ papers: number }[]>`
      SELECT count(*)::int AS papers FROM papers p WHERE NOT EXISTS (SELECT 1 FROM paper_title_ranks r WHERE r.paper_id = p.id)`;
    expect(unranked?.papers).toBe(0);
    await ensureModel();
    await embedMissing();
    const day: Day | null = await getLatestFeedDay();
    if (!day) throw new Error("no dataset");
    const arxivId = (await getPeriodPage(dayPeriod(day), 1)).papers[0]?.arxivId ?? "";
    const user = { id: "bu1", email: "reader1@bench.invalid", name: null };
    const author = (await getPaper(arxivId))?.authors[0] ?? "";
    const cases: [string, () => Promise<unknown>][] = [
      ["latest day and neighbours", () => Promise.all([getLatestFeedDay(), getNeighbourDays(day)])],
      ["day page", () => getPeriodPage(dayPeriod(day), 1)],
      ["day page 3", () => getPeriodPage(dayPeriod(day), 3)],
      ["week page", () => getPeriodPage(weekOf(day), 2)],
      ["month page", () => getPeriodPage(monthOf(day), 5)],
      ["paper", () => getPaper(arxivId)],
      ["similar papers", () => getSimilarPapers(arxivId)],
      ["trending", () => getTrendingPapers({ limit: 30, now: new Date(`${day}T18:00:00Z`) })],
      ["API: month by date", () => getPeriodPaperRecords(monthOf(day), { sort: "publishedAt", limit: 50, offset: 100 })],
      ["API: week trending", () => getPeriodPaperRecords(weekOf(day), { sort: "trending", limit: 50, offset: 0 })],
      ["RSS: recent days", () => getRecentPaperRecords(7, 150)],
      ["search: frequent word", () => searchPapers(query("model"), { limit: 20 })],
      ["search: two words", () => searchPapers(query("language model"), { limit: 20 })],
      ["search: phrase", () => searchPapers(query('"reinforcement learning"'), { limit: 20 })],
      ["search: rare word", () => searchPapers(query("zebrafish"), { limit: 20 })],
      ["search: no match", () => searchPapers(query("qqxzvv"), { limit: 20 })],
      ["search: page 5", () => searchPapers(query("diffusion"), { limit: 20, offset: 80 })],
      ["search: question", () => searchPapers(query("how to compress deep networks"), { limit: 20 })],
      ["search: hyphenated words", () => searchPapers(query("tokenizer-free language models"), { limit: 20 })],
      ["search: word start", () => searchPapers(query("boltzm"), { limit: 20 })],
      ["viewer state", () => getViewerState(user, [arxivId])],
      ["upvote", () => setUpvote(user.id, arxivId, true).then(() => setUpvote(user.id, arxivId, false))],
      [
        "digest claim",
        () =>
          planDeliveries("daily", day, new Date()).then(() =>
            claimDeliveries({ workerId: "w", now: new Date(), leaseSeconds: 60, limit: 50, periodKey: day }),
          ),
      ],
      ["author page", () => getAuthorPage(author, 2)],
      ["API: author's papers", () => getAuthorPaperRecords(author, { limit: 50, offset: 0 })],
      ["category page: large", () => getCategoryPage("cs.CV", { limit: 30, offset: 300 })],
      ["category page: small", () => getCategoryPage("q-bio.QM", { limit: 30, offset: 0 })],
      ["search in a category", () => searchPapers(query("diffusion"), { limit: 20, category: "cs.RO" })],
      [
        "API: a day's papers of a category",
        () => getPeriodPaperRecords(dayPeriod(day), { sort: "publishedAt", limit: 50, offset: 0, category: "cs.CL" }),
      ],
      ["For you: the candidate pool", () => getLatestPool()],
      ["For you: the reader's signals", () => getReaderSignals(user.id)],
      ["reading list", () => getSavedPapers(user.id)],
      [
        "reply emails",
        () =>
          claimReplyNotifications({ workerId: "w", now: new Date(), leaseSeconds: 60, limit: 50 }).then(() =>
            getReplyEmailContext({ id: 1, recipientId: user.id, threadId: 1, sinceReplyId: 1, attempts: 1 }),
          ),
      ],
    ];
    const found: string[] = [];
    for (const [label, run] of cases) found.push(...(await explainAll(label, run)));
    // Above 10,000 papers a web process reads the titles' words (lib/search/titles/data.ts): searches
    // then count and read the papers added since, instead of the walk and the title index.
    await warmTitleIndex();
    try {
      const inMemory: [string, string][] = [
        ["search, titles in memory: two words", "language model"],
        ["search, titles in memory: question", "how to compress deep networks"],
        ["search, titles in memory: hyphenated words", "tokenizer-free language models"],
        ["search, titles in memory: phrase", '"reinforcement learning"'],
        ["search, titles in memory: phrase of words common apart", '"learning model"'],
      ];
      for (const [label, text] of inMemory) {
        found.push(...(await explainAll(label, () => searchPapers(query(text), { limit: 20 }))));
      }
      // The searches above did use it.
      const { db } = await import("@/lib/db");
      expect(await indexedTitleMatches(db, [{ lexeme: "model", parts: [] }], "'model'", 5)).toHaveLength(5);
      // The titles' words are read whole, by design (papers_upvotes_idx, an hour apart); the ranks of
      // title words held beside them (lib/search/held-ranks.ts) are the most upvoted papers' only.
      const read = "titles' words and held ranks read";
      expect(await explainAll(read, () => readTitleIndex(), { cursors: true })).toEqual([
        `unbounded scan: ${read} > Index Only Scan on papers (papers_upvotes_idx)`,
      ]);
    } finally {
      forgetTitleIndex();
    }
    expect(found).toEqual([]);

    // And the inspection does catch what it looks for.
    expect(await explainAll("a scan", () => db.$queryRaw`SELECT count(*) FROM papers WHERE title ILIKE '%graph%'`)).toEqual([
      expect.stringMatching(/^(sequential|unbounded) scan: a scan > .* on papers/),
    ]);
    expect(await explainAll("a sort", () => db.$queryRaw`SELECT id FROM papers ORDER BY length(abstract) LIMIT 5`)).toEqual([
      expect.stringMatching(/^(sequential|unbounded) scan: a sort > Limit > Sort > .* on papers/),
    ]);
  }, 180_000);
});
