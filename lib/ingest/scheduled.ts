import "server-only";
import { addDays, type Day, dayFromDate } from "@/lib/dates";
import { env } from "@/lib/env";
import { getLatestFeedDay } from "@/lib/papers/data";
import { getIngestCursor, type IngestSourceName } from "./data";
import { importPapers } from "./import";
import { recordIngestFailure, recordIngestSuccess } from "./mutations";

/**
 * Scheduled ingestion, run by the worker on INGEST_CRON (lib/jobs/worker.ts). Each source keeps a
 * cursor in `ingest_sources`, so a run starts where the last one stopped, and every write is an
 * upsert by arXiv id: running twice, or after a failure halfway, adds nothing twice.
 * - hf-daily: Hugging Face's daily list (`?date=`) for each day after the last complete one, up to
 *   today (today's list is read again next run: it grows during the day); a first run goes back at
 *   most FIRST_RUN_DAYS, and no further than the newest day already in the catalogue.
 * - arxiv: the configured categories, papers submitted since the last harvest (a day of overlap, as
 *   arXiv announces late submissions with earlier dates), newest first, one request every
 *   ARXIV_REQUEST_INTERVAL_MS (arXiv asks for 3 s), INGEST_ARXIV_MAX papers a run.
 */

/** Days one run of hf-daily reads at most (the next run goes on from there). */
const DAYS_PER_RUN = 14;
/** How far back a first run of hf-daily goes. */
const FIRST_RUN_DAYS = 7;
const ARXIV_OVERLAP_MS = 24 * 60 * 60_000;

export interface IngestRun {
  source: IngestSourceName;
  added: number;
  updated: number;
  rejected: number;
  cursor: string | null;
  error?: string;
}

/** arXiv's submittedDate format: YYYYMMDDHHMM (GMT). */
const arxivStamp = (date: Date) => date.toISOString().replace(/[-T:]/g, "").slice(0, 12);

async function harvestHfDaily(now: Date, log: (line: string) => void): Promise<IngestRun> {
  const today = dayFromDate(now);
  const cursor = (await getIngestCursor("hf-daily")) as Day | null;
  const newest = await getLatestFeedDay();
  const earliest = addDays(today, -FIRST_RUN_DAYS);
  const first = cursor ? addDays(cursor, 1) : newest && newest > earliest ? addDays(newest, 1) : earliest;
  const run: IngestRun = { source: "hf-daily", added: 0, updated: 0, rejected: 0, cursor };
  // Day strings order as dates (YYYY-MM-DD).
  let day = first.localeCompare(today) > 0 ? today : first;
  for (let n = 0; n < DAYS_PER_RUN && day <= today; n++, day = addDays(day, 1)) {
    const url = new URL(env.HF_DAILY_PAPERS_URL);
    url.searchParams.set("date", day);
    try {
      const summary = await importPapers({ kind: "hf", location: url.toString() });
      run.added += summary.inserted;
      run.updated += summary.updated;
      run.rejected += summary.rejected.length;
      log(`hf-daily ${day}: ${summary.records} papers listed, ${summary.inserted} new`);
    } catch (error) {
      // The days before are kept: the next run starts at this one.
      return { ...run, error: `${day}: ${(error as Error).message}` };
    }
    // A past day's list is final; today's is read again next time.
    if (day < today) run.cursor = day;
  }
  return run;
}

async function harvestArxiv(now: Date, log: (line: string) => void): Promise<IngestRun> {
  const cursor = await getIngestCursor("arxiv");
  const since = new Date((cursor ? Date.parse(cursor) : now.getTime() - ARXIV_OVERLAP_MS) - ARXIV_OVERLAP_MS);
  const categories = env.INGEST_ARXIV_CATEGORIES.map((category) => `cat:${category}`).join(" OR ");
  const query = `(${categories}) AND submittedDate:[${arxivStamp(since)} TO ${arxivStamp(now)}]`;
  const summary = await importPapers({ kind: "arxiv-query", query, max: env.INGEST_ARXIV_MAX });
  log(
    `arxiv ${env.INGEST_ARXIV_CATEGORIES.join(",")} since ${since.toISOString()}: ${summary.records} papers, ${summary.inserted} new`,
  );
  return {
    source: "arxiv",
    added: summary.inserted,
    updated: summary.updated,
    rejected: summary.rejected.length,
    cursor: now.toISOString(),
  };
}

const HARVESTERS: Record<IngestSourceName, (now: Date, log: (line: string) => void) => Promise<IngestRun>> = {
  "hf-daily": harvestHfDaily,
  arxiv: harvestArxiv,
};

/** One scheduled run over the configured sources; a source that fails is recorded and the others go on. */
export async function runScheduledIngest(options: {
  now?: Date;
  sources?: readonly IngestSourceName[];
  log?: (line: string) => void;
}): Promise<IngestRun[]> {
  const now = options.now ?? new Date();
  const log = options.log ?? (() => {});
  const runs: IngestRun[] = [];
  for (const source of options.sources ?? env.INGEST_SOURCES) {
    try {
      const run = await HARVESTERS[source](now, log);
      if (run.error) {
        log(`${source} failed: ${run.error}`);
        await recordIngestFailure(source, run.error, { cursor: run.cursor, added: run.added });
      } else {
        await recordIngestSuccess(source, { cursor: run.cursor, added: run.added });
      }
      runs.push(run);
    } catch (error) {
      const reason = (error as Error).message;
      log(`${source} failed: ${reason}`);
      await recordIngestFailure(source, reason, { added: 0 });
      runs.push({ source, added: 0, updated: 0, rejected: 0, cursor: null, error: reason });
    }
  }
  return runs;
}
