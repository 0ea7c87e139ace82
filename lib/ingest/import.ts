import "server-only";
import type { Day } from "@/lib/dates";
import { inPaperTransaction, type PaperWriter, upsertPapers } from "@/lib/papers/mutations";
import { fetchArxivByIds, fetchArxivQuery } from "./arxiv-api";
import { parseSnapshotLine } from "./arxiv-snapshot";
import { parseHfDailyPapers } from "./hf-daily";
import { readSourceLines, readSourceText } from "./sources";
import type { ParsedBatch, Rejection } from "./types";

/** Records per write: progress moves, memory stays flat. */
const IMPORT_BATCH_SIZE = 500;

export type ImportSource =
  | { kind: "hf"; location: string }
  | { kind: "snapshot"; location: string }
  | { kind: "arxiv-ids"; ids: string[]; feedDay?: Day }
  | { kind: "arxiv-query"; query: string; max: number; feedDay?: Day };

export interface ImportProgress {
  records: number;
  /** 0..1 when the total is known. */
  fraction: number | null;
}

export interface ImportSummary {
  records: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: Rejection[];
  /** --strict with rejections: nothing was written. */
  rolledBack: boolean;
}

/** Guesses the format of a file or URL from its name. */
export function sourceFor(location: string): ImportSource {
  const path = location.replace(/[?#].*$/, "").toLowerCase();
  if (/\.(jsonl|ndjson)(\.gz)?$/.test(path)) return { kind: "snapshot", location };
  return { kind: "hf", location };
}

async function* batchesOf(source: ImportSource): AsyncGenerator<ParsedBatch & { fraction: number | null }> {
  switch (source.kind) {
    case "hf": {
      const text = await readSourceText(source.location);
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch (error) {
        throw new Error(`${source.location} is not valid JSON (${(error as Error).message}); nothing was imported.`);
      }
      const parsed = parseHfDailyPapers(data);
      const total = parsed.papers.length || 1;
      if (parsed.rejected.length) yield { papers: [], rejected: parsed.rejected, fraction: 0 };
      for (let offset = 0; offset < parsed.papers.length; offset += IMPORT_BATCH_SIZE) {
        yield {
          papers: parsed.papers.slice(offset, offset + IMPORT_BATCH_SIZE),
          rejected: [],
          fraction: Math.min(1, (offset + IMPORT_BATCH_SIZE) / total),
        };
      }
      return;
    }
    case "snapshot": {
      let batch: ParsedBatch = { papers: [], rejected: [] };
      let fraction: number | null = null;
      for await (const { line, number, progress } of readSourceLines(source.location)) {
        fraction = progress;
        if (!line.trim()) continue;
        const result = parseSnapshotLine(line, number);
        if ("paper" in result) batch.papers.push(result.paper);
        else batch.rejected.push(result.rejected);
        if (batch.papers.length + batch.rejected.length >= IMPORT_BATCH_SIZE) {
          yield { ...batch, fraction };
          batch = { papers: [], rejected: [] };
        }
      }
      yield { ...batch, fraction: 1 };
      return;
    }
    case "arxiv-ids":
      yield { ...(await fetchArxivByIds(source.ids, { feedDay: source.feedDay })), fraction: 1 };
      return;
    case "arxiv-query": {
      let seen = 0;
      for await (const batch of fetchArxivQuery(source.query, { max: source.max, feedDay: source.feedDay })) {
        seen += batch.papers.length + batch.rejected.length;
        yield { ...batch, fraction: Math.min(1, seen / source.max) };
      }
      return;
    }
  }
}

class RollBack extends Error {}

/**
 * Imports a source: every valid record is upserted by arXiv id (a second import changes nothing), every
 * malformed one is rejected with its reason. With `strict`, one rejection means nothing is written.
 */
export async function importPapers(
  source: ImportSource,
  options: { strict?: boolean; dryRun?: boolean; onProgress?: (progress: ImportProgress) => void } = {},
): Promise<ImportSummary> {
  const summary: ImportSummary = { records: 0, inserted: 0, updated: 0, unchanged: 0, rejected: [], rolledBack: false };
  // null: validate only; undefined: write with the default client; a client: write inside its transaction.
  const run = async (client: PaperWriter | null | undefined) => {
    for await (const batch of batchesOf(source)) {
      summary.records += batch.papers.length + batch.rejected.length;
      summary.rejected.push(...batch.rejected);
      if (client !== null && batch.papers.length) {
        const result = await upsertPapers(batch.papers, client);
        summary.inserted += result.inserted.length;
        summary.updated += result.updated.length;
        summary.unchanged += result.unchanged.length;
      }
      options.onProgress?.({ records: summary.records, fraction: batch.fraction });
    }
    if (options.strict && summary.rejected.length > 0) throw new RollBack();
  };
  if (options.dryRun) {
    await run(null);
    return summary;
  }
  if (!options.strict) {
    await run(undefined);
    return summary;
  }
  try {
    await inPaperTransaction(run);
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
    return { ...summary, inserted: 0, updated: 0, unchanged: 0, rolledBack: true };
  }
  return summary;
}
