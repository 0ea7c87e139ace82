import { z } from "zod";
import { dayFromDate } from "@/lib/dates";
import { type PaperInput, paperInputSchema } from "@/lib/papers/schema";
import { describeIssues, type Rejection } from "./types";

/**
 * One line of the public arXiv metadata snapshot (Kaggle's arxiv-metadata-oai-snapshot.json, JSON
 * lines): { id, title, abstract, authors_parsed: [[last, first, suffix]], versions: [{ version,
 * created }], update_date, comments, ... }. The first version's date is the publication date and,
 * for a snapshot, the feed day.
 */
const snapshotSchema = z.object({
  id: z.string(),
  title: z.string(),
  abstract: z.string(),
  comments: z.string().nullish(),
  /** Space-separated, the primary one first: "cs.LG stat.ML". */
  categories: z.string().nullish(),
  authors_parsed: z.array(z.array(z.string())).min(1, "no authors"),
  versions: z.array(z.object({ version: z.string(), created: z.string() })).min(1, "no versions"),
});

const GITHUB = /https?:\/\/github\.com\/[\w.-]+\/[\w.-]+/;

export function parseSnapshotLine(line: string, lineNumber: number): { paper: PaperInput } | { rejected: Rejection } {
  const at = `line ${lineNumber}`;
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { rejected: { at, reason: "not valid JSON" } };
  }
  const record = snapshotSchema.safeParse(json);
  const id = typeof (json as { id?: unknown })?.id === "string" ? (json as { id: string }).id : undefined;
  if (!record.success) return { rejected: { at, id, reason: describeIssues(record.error.issues) } };
  const { title, abstract, comments, categories, authors_parsed, versions } = record.data;
  const first = new Date(versions[0]?.created ?? "");
  const paper = paperInputSchema.safeParse({
    arxivId: record.data.id,
    title,
    abstract,
    authors: authors_parsed.map(([last = "", given = "", suffix = ""]) => [given, last, suffix].filter(Boolean).join(" ")),
    publishedAt: versions[0]?.created,
    feedDay: Number.isNaN(first.getTime()) ? "" : dayFromDate(first),
    githubRepo: GITHUB.exec(comments ?? "")?.[0] ?? null,
    categories: (categories ?? "").split(/\s+/).filter(Boolean),
  });
  return paper.success ? { paper: paper.data } : { rejected: { at, id, reason: describeIssues(paper.error.issues) } };
}
