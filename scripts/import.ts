import { parseDay, today } from "@/lib/dates";
import { type ImportSource, type ImportSummary, importPapers, sourceFor } from "@/lib/ingest/import";
import { getArxivIdsWithoutCategories } from "@/lib/papers/data";
import { parseArxivId } from "@/lib/papers/schema";
import { embedMissing, ensureModel } from "@/lib/search/vectors/embed";
import { runScript, UsageError } from "./lib/cli";
import { stageProgress } from "./lib/progress";

const USAGE = `Usage: npm run import -- <file-or-url> [--format hf|snapshot] [--strict] [--dry-run]
       npm run import -- --arxiv <id> [<id>...] [--feed-day YYYY-MM-DD|today]
       npm run import -- --arxiv --missing-categories [--max 100]
       npm run import -- --arxiv-query "<arXiv API query>" [--max 100] [--feed-day ...]

Imports papers, upserting by arXiv id (a second import changes nothing), and prints a progress bar
and a summary: inserted / updated / unchanged / rejected (with each rejection's reason).

Sources:
  a .json or .json.gz file or URL   Hugging Face's /api/daily_papers format (also what our
                                    /api/daily_papers answers)
  a .jsonl or .jsonl.gz file or URL the arXiv metadata snapshot (JSON lines), streamed
  --arxiv ids...                    arXiv's Atom API, by id (2307.04990, or arxiv.org/abs/... URLs)
  --arxiv --missing-categories      the newest papers that have no arXiv categories yet (those from
                                    Hugging Face lists), up to --max, fetched again from arXiv's API:
                                    their categories are added, their feed day kept
  --arxiv-query "cat:cs.LG AND ti:diffusion"   arXiv's Atom API search, newest first (--max, default 100)

Options:
  --format hf|snapshot   when the file name does not say
  --feed-day DAY         the day arXiv imports are listed on (default: each paper's publication day)
  --strict               write nothing if any record is rejected
  --dry-run              validate only; write nothing

Exit status: 0 when every record was imported, 1 when some were rejected, 2 for bad usage.
ARXIV_API_URL and ARXIV_REQUEST_INTERVAL_MS point the arXiv sources elsewhere (tests, mirrors).`;

function progressBar(stream: NodeJS.WriteStream) {
  let lastLine = -1;
  return ({ records, fraction }: { records: number; fraction: number | null }) => {
    const percent = fraction === null ? null : Math.floor(fraction * 100);
    if (stream.isTTY) {
      const width = 30;
      const filled = percent === null ? 0 : Math.round((percent / 100) * width);
      const bar = percent === null ? "" : `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(percent).padStart(3)}% `;
      stream.write(`\r${bar}${records.toLocaleString("en-US")} records`);
    } else if (percent === null || Math.floor(percent / 10) > lastLine) {
      lastLine = percent === null ? lastLine : Math.floor(percent / 10);
      stream.write(`${percent === null ? "" : `${percent}% `}${records.toLocaleString("en-US")} records\n`);
    }
  };
}

function printSummary(label: string, summary: ImportSummary, dryRun: boolean) {
  const lines = [
    `${dryRun ? "Checked" : "Imported"} ${label}: ${summary.records.toLocaleString("en-US")} records`,
    ...(dryRun
      ? [`  valid      ${summary.records - summary.rejected.length}`]
      : [`  inserted   ${summary.inserted}`, `  updated    ${summary.updated}`, `  unchanged  ${summary.unchanged}`]),
    `  rejected   ${summary.rejected.length}`,
  ];
  console.log(lines.join("\n"));
  const SHOWN = 20;
  for (const rejection of summary.rejected.slice(0, SHOWN)) {
    console.log(`    ${rejection.at}${rejection.id ? ` (${rejection.id})` : ""}: ${rejection.reason}`);
  }
  if (summary.rejected.length > SHOWN) console.log(`    ... and ${summary.rejected.length - SHOWN} more`);
  if (summary.rolledBack) console.log("--strict: some records were rejected, so nothing was written.");
  if (dryRun) console.log("--dry-run: nothing was written.");
}

await runScript({
  usage: USAGE,
  options: {
    format: { type: "string" },
    arxiv: { type: "boolean", default: false },
    "arxiv-query": { type: "string" },
    "missing-categories": { type: "boolean", default: false },
    max: { type: "string", default: "100" },
    "feed-day": { type: "string" },
    strict: { type: "boolean", default: false },
    "dry-run": { type: "boolean", default: false },
  },
  main: async ({ values, positionals }) => {
    let feedDay: ReturnType<typeof parseDay> | undefined;
    if (values["feed-day"] !== undefined) {
      const raw = String(values["feed-day"]);
      feedDay = raw === "today" ? today() : parseDay(raw);
      if (!feedDay) throw new UsageError(`--feed-day must be YYYY-MM-DD or "today", not "${raw}".`);
    }
    let source: ImportSource;
    let label: string;
    if (values["arxiv-query"] !== undefined) {
      const max = Number(values.max);
      if (!Number.isInteger(max) || max < 1 || max > 10_000)
        throw new UsageError("--max must be a whole number from 1 to 10000.");
      source = { kind: "arxiv-query", query: String(values["arxiv-query"]), max, feedDay: feedDay ?? undefined };
      label = `arXiv query "${values["arxiv-query"]}"`;
    } else if (values.arxiv && values["missing-categories"]) {
      if (positionals.length) throw new UsageError("--missing-categories takes no ids: it finds the papers itself.");
      const max = Number(values.max);
      if (!Number.isInteger(max) || max < 1 || max > 10_000)
        throw new UsageError("--max must be a whole number from 1 to 10000.");
      const ids = await getArxivIdsWithoutCategories(max);
      if (ids.length === 0) {
        console.log("Every paper has its arXiv categories: nothing to ask arXiv for.");
        return 0;
      }
      source = { kind: "arxiv-ids", ids };
      label = `${ids.length} ${ids.length === 1 ? "paper" : "papers"} without categories`;
    } else if (values.arxiv) {
      if (positionals.length === 0) throw new UsageError("--arxiv needs at least one arXiv id.");
      const ids = positionals.map((raw) => {
        const id = parseArxivId(raw.replace(/^https?:\/\/(www\.)?arxiv\.org\/(abs|pdf)\//, "").replace(/\.pdf$/, ""));
        if (!id) throw new UsageError(`"${raw}" is not an arXiv id (expected something like 2307.04990).`);
        return id;
      });
      source = { kind: "arxiv-ids", ids: [...new Set(ids)], feedDay: feedDay ?? undefined };
      label = `${ids.length} arXiv ${ids.length === 1 ? "id" : "ids"}`;
    } else {
      const [location, ...extra] = positionals;
      if (!location || extra.length) throw new UsageError("Give one file or URL to import.");
      const guessed = sourceFor(location);
      const format = values.format === undefined ? guessed.kind : String(values.format);
      if (format !== "hf" && format !== "snapshot") throw new UsageError(`--format must be hf or snapshot, not "${format}".`);
      source = { kind: format, location };
      label = location;
    }
    const summary = await importPapers(source, {
      strict: Boolean(values.strict),
      dryRun: Boolean(values["dry-run"]),
      onProgress: progressBar(process.stderr),
    });
    if (process.stderr.isTTY) process.stderr.write("\n");
    printSummary(label, summary, Boolean(values["dry-run"]));
    if (!values["dry-run"] && !summary.rolledBack && summary.inserted + summary.updated > 0) {
      // New and changed papers are searchable by meaning at once (the worker would also get to them).
      await ensureModel((line) => console.log(line));
      const progress = stageProgress();
      const vectors = await embedMissing({ log: (line) => console.log(line), onProgress: progress.onProgress });
      progress.finish();
      console.log(
        `Search vectors: ${vectors.embedded.toLocaleString("en-US")} papers (${Math.round(vectors.embedded / Math.max(vectors.seconds, 0.001)).toLocaleString("en-US")}/s).`,
      );
    }
    return summary.rejected.length > 0 ? 1 : 0;
  },
});
