import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import pg from "pg";
import { z } from "zod";
import { importPapers } from "@/lib/ingest/import";
import type { OpenDatabase } from "@/lib/runtime/database";
import { migrate } from "@/lib/runtime/migrate";
import { getSimilarPapers, type SearchMode, searchPapers } from "@/lib/search/data";
import { parseSearchQuery } from "@/lib/search/query";
import { embedMissing, ensureModel, SHIPPED_MODEL_FILE } from "@/lib/search/vectors/embed";
import { stageProgress } from "../lib/progress";
import { REAL_PAPERS_FILE } from "./corpus";
import { withLibDatabase } from "./database";
import { baselineSearch, baselineSimilar } from "./relevance/baseline";
import { type Judgments, mean, ndcg, recall, unjudged } from "./relevance/metrics";
import { check, count, type Section } from "./report";

/**
 * `npm run bench -- --only relevance`: how good search is, on the judged queries of
 * scripts/bench/relevance/ (48 natural queries in six shapes, written before any ranking was tuned;
 * graded judgments of the papers any system put in its first ten) over the 9,577 real papers of
 * prisma/data, in a database of its own. Today's search (hybrid) beside the search this project had
 * before (baseline), and each of its two lists alone.
 */

export const RELEVANCE_DATABASE = "daily_papers_relevance";
const DIR = path.join(import.meta.dirname, "relevance");
/** Graded measures at these depths: the first page's top, and a page of results. */
const NDCG_AT = 10;
const RECALL_AT = 20;
const SIMILAR_AT = 5;
/** The target: hybrid nDCG@10 this many times the baseline's, and no shape worse than the baseline by more than SHAPE_SLACK. */
const TARGET_GAIN = 1.5;
const SHAPE_SLACK = 0.02;

const querySchema = z.object({ id: z.string(), shape: z.string(), text: z.string().min(1), need: z.string() });
const queriesSchema = z.object({ shapes: z.record(z.string(), z.string()), queries: z.array(querySchema).min(1) });
const sourcesSchema = z.object({ sources: z.array(z.object({ id: z.string(), arxivId: z.string(), title: z.string() })) });
const gradesSchema = z.record(z.string(), z.record(z.string(), z.number().int().min(0).max(2)));
const judgmentsSchema = z.object({ queries: gradesSchema, similar: gradesSchema });

async function readJson<T>(file: string, schema: z.ZodType<T>): Promise<T> {
  return schema.parse(JSON.parse(await readFile(path.join(DIR, file), "utf8")));
}

/** The relevance database holds exactly the papers of REAL_PAPERS_FILE (imported once), and the shipped model. */
async function prepare(server: OpenDatabase, log: (line: string) => void): Promise<string> {
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [RELEVANCE_DATABASE]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${RELEVANCE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = server.databaseUrl(RELEVANCE_DATABASE);
  await migrate(url, log);
  const fileHash = createHash("sha256")
    .update(await readFile(REAL_PAPERS_FILE))
    .digest("hex");
  const shipped = gunzipSync(await readFile(SHIPPED_MODEL_FILE));
  const modelHash = createHash("md5").update(shipped).digest("hex");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("CREATE TABLE IF NOT EXISTS bench_relevance (papers_file text NOT NULL)");
    const { rows } = await client.query<{ papers_file: string }>("SELECT papers_file FROM bench_relevance");
    if (rows[0]?.papers_file !== fileHash) {
      log(`Loading the 9,577 real papers into ${RELEVANCE_DATABASE}...`);
      await client.query("TRUNCATE papers RESTART IDENTITY CASCADE");
      await client.query("DELETE FROM bench_relevance");
      const summary = await withLibDatabase(url, () => importPapers({ kind: "hf", location: REAL_PAPERS_FILE }));
      if (summary.rejected.length) throw new Error(`${summary.rejected.length} papers were rejected`);
      await client.query("ANALYZE papers");
      await client.query("INSERT INTO bench_relevance VALUES ($1)", [fileHash]);
    }
    // Measured with the model the app ships, whatever was trained here since.
    await client.query("DELETE FROM search_models WHERE md5(model) <> $1", [modelHash]);
  } finally {
    await client.end();
  }
  return url;
}

interface Row {
  name: string;
  ndcg: number;
  recall: number;
  unjudged: number;
  byShape: Map<string, number[]>;
}

export async function benchRelevance(options: { server: OpenDatabase; log: (line: string) => void }): Promise<Section[]> {
  const { log } = options;
  const [{ queries, shapes }, { sources }, judgments] = await Promise.all([
    readJson("queries.json", queriesSchema),
    readJson("similar-sources.json", sourcesSchema),
    readJson("judgments.json", judgmentsSchema),
  ]);
  const url = await prepare(options.server, log);
  return withLibDatabase(url, async () => {
    await ensureModel(log);
    const progress = stageProgress();
    const vectors = await embedMissing({ log, onProgress: progress.onProgress });
    progress.finish();
    if (vectors.embedded) log(`Search vectors: ${count(vectors.embedded)} papers in ${vectors.seconds.toFixed(1)} s.`);

    const systems: { name: string; run: (text: string) => Promise<string[]> }[] = [
      { name: "baseline (before issue 17)", run: (text) => baselineSearch(text, RECALL_AT) },
      ...(["lexical", "semantic", "hybrid"] as SearchMode[]).map((mode) => ({
        name: mode === "hybrid" ? "hybrid (search now)" : `${mode} list alone`,
        run: async (text: string) => {
          const parsed = parseSearchQuery(text);
          if (!parsed.ok) return [];
          return (await searchPapers(parsed, { limit: RECALL_AT, mode })).hits.map((hit) => hit.arxivId);
        },
      })),
    ];
    const rows: Row[] = [];
    for (const system of systems) {
      const row: Row = { name: system.name, ndcg: 0, recall: 0, unjudged: 0, byShape: new Map() };
      const scores: number[] = [];
      const recalls: number[] = [];
      for (const query of queries) {
        const graded: Judgments = judgments.queries[query.id] ?? {};
        const ranked = await system.run(query.text);
        const score = ndcg(ranked, graded, NDCG_AT);
        scores.push(score);
        recalls.push(recall(ranked, graded, RECALL_AT));
        row.unjudged += unjudged(ranked, graded, NDCG_AT);
        row.byShape.set(query.shape, [...(row.byShape.get(query.shape) ?? []), score]);
      }
      row.ndcg = mean(scores);
      row.recall = mean(recalls);
      rows.push(row);
    }
    const [baseline] = rows;
    const hybrid = rows.at(-1);
    if (!baseline || !hybrid) throw new Error("no systems measured");
    const relative = (value: number) => `${value >= baseline.ndcg ? "+" : ""}${((value / baseline.ndcg - 1) * 100).toFixed(1)} %`;
    const overall: Section = {
      title: `Relevance: ${queries.length} natural queries over 9,577 real papers (graded judgments, scripts/bench/relevance; unjudged papers count as not relevant)`,
      columns: ["search", `nDCG@${NDCG_AT}`, "vs baseline", `recall@${RECALL_AT}`, `unjudged in top ${NDCG_AT}`],
      rows: rows.map((row) => ({
        cells: [
          row.name,
          row.ndcg.toFixed(3),
          row === baseline ? "" : relative(row.ndcg),
          row.recall.toFixed(3),
          String(row.unjudged),
        ],
        ...(row === hybrid
          ? { check: check(row.ndcg >= TARGET_GAIN * baseline.ndcg, `≥ +${Math.round((TARGET_GAIN - 1) * 100)} % nDCG`) }
          : {}),
      })),
    };
    const byShape: Section = {
      title: `Relevance by query shape (nDCG@${NDCG_AT}; lexical and semantic are the hybrid's two lists alone)`,
      columns: ["shape", "queries", "baseline", "lexical", "semantic", "hybrid", "change"],
      rows: Object.entries(shapes).map(([shape, description]) => {
        const of = (row: Row | undefined) => mean(row?.byShape.get(shape) ?? []);
        const before = of(baseline);
        const after = of(hybrid);
        return {
          cells: [
            `${shape}: ${description}`.slice(0, 62),
            String(baseline.byShape.get(shape)?.length ?? 0),
            before.toFixed(3),
            of(rows[1]).toFixed(3),
            of(rows[2]).toFixed(3),
            after.toFixed(3),
            `${after >= before ? "+" : ""}${(after - before).toFixed(3)}`,
          ],
          check: check(after >= before - SHAPE_SLACK, `≥ baseline − ${SHAPE_SLACK}`),
        };
      }),
    };
    const similarRows: string[][] = [];
    for (const [name, run] of [
      ["baseline: shared rare title words", (id: string) => baselineSimilar(id, SIMILAR_AT)],
      ["vectors (nearest papers)", async (id: string) => (await getSimilarPapers(id, SIMILAR_AT)).map((paper) => paper.arxivId)],
    ] as const) {
      const scores: number[] = [];
      let missing = 0;
      for (const source of sources) {
        const graded: Judgments = judgments.similar[source.id] ?? {};
        const ranked = await run(source.arxivId);
        scores.push(ndcg(ranked, graded, SIMILAR_AT));
        missing += unjudged(ranked, graded, SIMILAR_AT);
      }
      similarRows.push([name, mean(scores).toFixed(3), String(missing)]);
    }
    const before = Number(similarRows[0]?.[1] ?? 0);
    const similar: Section = {
      title: `Similar papers: ${sources.length} source papers (graded judgments), the ${SIMILAR_AT} a paper page shows`,
      columns: ["similar papers", `nDCG@${SIMILAR_AT}`, `unjudged in top ${SIMILAR_AT}`],
      rows: similarRows.map((cells, i) => ({
        cells,
        ...(i === 1 ? { check: check(Number(cells[1]) > before, "better than baseline") } : {}),
      })),
    };
    return [overall, byShape, similar];
  });
}
