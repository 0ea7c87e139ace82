import pg from "pg";
import { db } from "@/lib/db";
import { nearestPapers } from "@/lib/search/data";
import { probesFor } from "@/lib/search/ivf";
import { embedQuery } from "@/lib/search/model";
import { getActiveIndex } from "@/lib/search/vectors/data";
import { embedMissing, ensureModel } from "@/lib/search/vectors/embed";
import { stageProgress } from "../lib/progress";
import { withLibDatabase } from "./database";
import { SEARCH_SHAPES } from "./pages";
import { count, type Section } from "./report";

/**
 * Every paper of the dataset gets its search vector (the backfill a catalogue loaded around the app
 * needs: `npm run embed`), timed. The figures are kept in the database (bench_vectors) and printed on
 * every run, since a reused dataset has nothing left to embed.
 */
export async function ensureVectors(databaseUrl: string, log: (line: string) => void): Promise<Section> {
  const summary = await withLibDatabase(databaseUrl, async () => {
    await ensureModel(log);
    const progress = stageProgress();
    const started = performance.now();
    const run = await embedMissing({ log, onProgress: progress.onProgress });
    progress.finish();
    return { ...run, seconds: (performance.now() - started) / 1000 };
  });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      "CREATE TABLE IF NOT EXISTS bench_vectors (papers integer NOT NULL, seconds float8 NOT NULL, lists integer NOT NULL, at timestamptz NOT NULL DEFAULT now())",
    );
    const { rows: index } = await client.query<{ lists: number }>("SELECT lists FROM search_models WHERE active");
    if (summary.embedded > 0) {
      await client.query("DELETE FROM bench_vectors");
      await client.query("INSERT INTO bench_vectors (papers, seconds, lists) VALUES ($1, $2, $3)", [
        summary.embedded,
        summary.seconds,
        index[0]?.lists ?? 0,
      ]);
    }
    const { rows } = await client.query<{ papers: number; seconds: number; lists: number; at: Date }>(
      "SELECT papers, seconds, lists, at FROM bench_vectors",
    );
    const stored = rows[0];
    return {
      title: "Search vectors: the backfill of every paper (npm run embed: read the words, embed, learn the IVF lists, write)",
      columns: ["what", "papers", "seconds", "papers/s", "IVF lists", "measured"],
      rows: stored
        ? [
            {
              cells: [
                "vector backfill",
                count(stored.papers),
                stored.seconds.toFixed(0),
                count(stored.papers / stored.seconds),
                count(stored.lists),
                summary.embedded > 0 ? "this run" : stored.at.toISOString().slice(0, 10),
              ],
            },
          ]
        : [],
    };
  } finally {
    await client.end();
  }
}

const share = (found: readonly number[], exact: readonly number[]) => {
  const truth = new Set(exact);
  return exact.length ? found.filter((id) => truth.has(id)).length / exact.length : 1;
};

/**
 * What the IVF index loses: for the bench's natural queries (questions, descriptions, hyphenated
 * words, two words), the nearest papers it finds against those of an exact scan of every vector,
 * and the time of each way in process (lists already in memory, as in a web process that has served
 * for a while).
 */
export async function vectorRecall(databaseUrl: string, log: (line: string) => void): Promise<Section> {
  log("Search vectors: IVF against an exact scan...");
  const queries = ["question", "description", "hyphenated", "two words"].flatMap((shape) => SEARCH_SHAPES[shape] ?? []);
  const result = await withLibDatabase(databaseUrl, async () => {
    const index = await getActiveIndex({ fresh: true });
    if (!index?.centroids) return null;
    const totals = { at10: 0, at100: 0, ivfMs: 0, exactMs: 0, queries: 0 };
    const lexemes = await db.$queryRaw<{ lexemes: string[] }[]>`
      SELECT array(SELECT lexeme FROM unnest(to_tsvector('english', q))) AS lexemes FROM unnest(${queries}::text[]) AS q`;
    const vectors = lexemes.flatMap((row) => embedQuery(index.model, row.lexemes) ?? []);
    // Every list read once first, so that both ways are timed on vectors in memory.
    for (const vector of vectors) await nearestPapers(index, vector, 100, { probes: index.lists });
    for (const vector of vectors) {
      let started = performance.now();
      const ivf = (await nearestPapers(index, vector, 100)).map((hit) => hit.id);
      totals.ivfMs += performance.now() - started;
      started = performance.now();
      const exact = (await nearestPapers(index, vector, 100, { probes: index.lists })).map((hit) => hit.id);
      totals.exactMs += performance.now() - started;
      totals.at10 += share(ivf.slice(0, 10), exact.slice(0, 10));
      totals.at100 += share(ivf, exact);
      totals.queries += 1;
    }
    return { ...totals, lists: index.lists, probes: probesFor(index.lists, index.indexedPapers) };
  });
  const n = Math.max(result?.queries ?? 0, 1);
  return {
    title: `Search vectors: the IVF index against an exact scan of every vector (${count(result?.queries ?? 0)} natural queries of the search bench)`,
    columns: ["what", "lists read", "recall@10", "recall@100", "ms a query"],
    rows: result
      ? [
          {
            cells: [
              "IVF (the nearest lists)",
              `${count(result.probes)} of ${count(result.lists)}`,
              `${((result.at10 / n) * 100).toFixed(1)} %`,
              `${((result.at100 / n) * 100).toFixed(1)} %`,
              (result.ivfMs / n).toFixed(1),
            ],
          },
          {
            cells: [
              "exact scan",
              `${count(result.lists)} of ${count(result.lists)}`,
              "100 %",
              "100 %",
              (result.exactMs / n).toFixed(1),
            ],
          },
        ]
      : [],
  };
}
