import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { parseHfDailyPapers } from "@/lib/ingest/hf-daily";
import { describeIssues, type ParsedBatch } from "@/lib/ingest/types";
import { upsertPapers } from "@/lib/papers/mutations";
import { paperInputSchema } from "@/lib/papers/schema";
import { embedMissing, ensureModel } from "@/lib/search/vectors/embed";

/**
 * The default data of a fresh install: the 40 papers of the Hugging Face page this product was
 * specified from (prisma/seed/seed-papers.json) and a month of real Hugging Face daily lists
 * (prisma/seed/hf-daily-papers-2026-04.json). Upserted by arXiv id, so seeding twice changes nothing.
 */

const SEED_DIR = path.resolve(import.meta.dirname, "seed");

const seedPaperSchema = z.object({
  arxivId: z.string(),
  title: z.string(),
  summary: z.string(),
  authors: z.array(z.string()),
  publishedAt: z.string(),
  upvotes: z.number(),
  githubRepo: z.string().nullable(),
});

export function parseSeedPapers(data: unknown): ParsedBatch {
  const items = z.array(z.unknown()).parse(data);
  const batch: ParsedBatch = { papers: [], rejected: [] };
  items.forEach((item, index) => {
    const at = `item ${index + 1}`;
    const shape = seedPaperSchema.safeParse(item);
    if (!shape.success) {
      batch.rejected.push({ at, reason: describeIssues(shape.error.issues) });
      return;
    }
    const paper = shape.data;
    const result = paperInputSchema.safeParse({
      arxivId: paper.arxivId,
      title: paper.title,
      abstract: paper.summary,
      authors: paper.authors,
      publishedAt: paper.publishedAt,
      // These papers come from a search page, not a daily list: their publication day is their feed day.
      feedDay: paper.publishedAt.slice(0, 10),
      sourceUpvotes: paper.upvotes,
      githubRepo: paper.githubRepo,
    });
    if (result.success) batch.papers.push(result.data);
    else batch.rejected.push({ at, id: paper.arxivId, reason: describeIssues(result.error.issues) });
  });
  return batch;
}

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(path.join(SEED_DIR, file), "utf8"));
}

export async function seed(log: (message: string) => void = console.log) {
  const batches = [
    parseSeedPapers(await readJson("seed-papers.json")),
    parseHfDailyPapers(await readJson("hf-daily-papers-2026-04.json")),
  ];
  const rejected = batches.flatMap((batch) => batch.rejected);
  if (rejected.length > 0) {
    throw new Error(`The seed data is invalid:\n${rejected.map((r) => `  ${r.at}: ${r.reason}`).join("\n")}`);
  }
  const summary = await upsertPapers(batches.flatMap((batch) => batch.papers));
  log(`Seed: ${summary.inserted.length} inserted, ${summary.updated.length} updated, ${summary.unchanged.length} unchanged.`);
  // Search by meaning from the first start: the shipped model, and a vector for every paper.
  await ensureModel(log);
  const vectors = await embedMissing({ log });
  if (vectors.embedded) log(`Search vectors: ${vectors.embedded} papers in ${vectors.seconds.toFixed(1)} s.`);
  return summary;
}
