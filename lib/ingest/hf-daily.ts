import { z } from "zod";
import { dayFromDate } from "@/lib/dates";
import { paperInputSchema } from "@/lib/papers/schema";
import { describeIssues, type ParsedBatch } from "./types";

/**
 * Hugging Face's `/api/daily_papers` format: `[{ paper: { id, title, summary, authors: [{ name }],
 * publishedAt, upvotes, githubRepo, projectPage? }, publishedAt, ... }]`. `paper.publishedAt` is the
 * arXiv date; the item's own `publishedAt` is the day the paper was on the daily list, its feed day.
 */
const hfItemSchema = z.object({
  paper: z.object({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    authors: z.array(z.object({ name: z.string() })),
    publishedAt: z.string(),
    upvotes: z.number().int().min(0).optional(),
    githubRepo: z.string().nullish(),
    projectPage: z.string().nullish(),
    /** Not Hugging Face's: our own API adds it, so a copy of our feed keeps its categories. */
    categories: z.array(z.string()).optional(),
  }),
  publishedAt: z.string(),
});

const hfToPaper = hfItemSchema.transform((item) => ({
  arxivId: item.paper.id,
  title: item.paper.title,
  abstract: item.paper.summary,
  authors: item.paper.authors.map((author) => author.name),
  publishedAt: item.paper.publishedAt,
  feedDay: dayOrRaw(item.publishedAt),
  sourceUpvotes: item.paper.upvotes ?? 0,
  githubRepo: item.paper.githubRepo || null,
  projectPage: item.paper.projectPage || null,
  categories: item.paper.categories ?? [],
}));

function dayOrRaw(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dayFromDate(date);
}

export function parseHfDailyPapers(data: unknown): ParsedBatch {
  if (!Array.isArray(data)) {
    return { papers: [], rejected: [{ at: "file", reason: "expected a JSON array of daily paper items" }] };
  }
  const batch: ParsedBatch = { papers: [], rejected: [] };
  data.forEach((item: unknown, index) => {
    const at = `item ${index + 1}`;
    const shape = hfToPaper.safeParse(item);
    if (!shape.success) {
      batch.rejected.push({ at, id: readableId(item), reason: describeIssues(shape.error.issues) });
      return;
    }
    const paper = paperInputSchema.safeParse(shape.data);
    if (paper.success) batch.papers.push(paper.data);
    else batch.rejected.push({ at, id: shape.data.arxivId, reason: describeIssues(paper.error.issues) });
  });
  return batch;
}

function readableId(item: unknown): string | undefined {
  const id = (item as { paper?: { id?: unknown } } | null)?.paper?.id;
  return typeof id === "string" ? id : undefined;
}
