import { XMLParser } from "fast-xml-parser";
import { z } from "zod";
import { type Day, dayFromDate } from "@/lib/dates";
import { paperInputSchema } from "@/lib/papers/schema";
import { describeIssues, type ParsedBatch } from "./types";

/**
 * arXiv's Atom API answer (export.arxiv.org/api/query): one <entry> per paper with <id> (the abs URL,
 * versioned), <published>, <title>, <summary>, <author><name>, optional <arxiv:comment>. Errors come
 * back as an entry whose id points at /api/errors.
 */
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  isArray: (name) => ["entry", "author", "link", "category"].includes(name),
  // Text stays text: no number or entity surprises in titles.
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
});

const entrySchema = z.object({
  id: z.string(),
  published: z.string().optional(),
  title: z.string().optional(),
  summary: z.string().optional(),
  author: z.array(z.object({ name: z.string().optional() }).passthrough()).optional(),
  comment: z.string().optional(),
  primary_category: z.object({ "@term": z.string() }).partial().optional(),
  category: z.array(z.object({ "@term": z.string() }).partial()).optional(),
});

const GITHUB = /https?:\/\/github\.com\/[\w.-]+\/[\w.-]+/;

export interface AtomPage {
  batch: ParsedBatch;
  /** opensearch:totalResults: how many entries the query has in all. */
  totalResults: number;
}

/** `feedDay` (e.g. the day a reader submitted it); by default the day arXiv published it. */
export function parseArxivAtom(xml: string, options: { feedDay?: Day } = {}): AtomPage {
  let document: { feed?: { entry?: unknown[]; totalResults?: unknown } };
  try {
    document = parser.parse(xml);
  } catch (error) {
    return {
      totalResults: 0,
      batch: { papers: [], rejected: [{ at: "response", reason: `not valid XML: ${(error as Error).message}` }] },
    };
  }
  if (!document.feed) {
    return {
      totalResults: 0,
      batch: { papers: [], rejected: [{ at: "response", reason: "not an Atom feed from arXiv's API" }] },
    };
  }
  const batch: ParsedBatch = { papers: [], rejected: [] };
  (document.feed.entry ?? []).forEach((raw, index) => {
    const at = `entry ${index + 1}`;
    const entry = entrySchema.safeParse(raw);
    if (!entry.success) {
      batch.rejected.push({ at, reason: describeIssues(entry.error.issues) });
      return;
    }
    const { id, published, title, summary, author, comment, primary_category, category } = entry.data;
    if (id.includes("/api/errors")) {
      batch.rejected.push({ at, reason: `arXiv answered an error: ${summary ?? title ?? id}` });
      return;
    }
    const arxivId = id.replace(/^https?:\/\/arxiv\.org\/abs\//, "");
    const publishedAt = published ? new Date(published) : null;
    const paper = paperInputSchema.safeParse({
      arxivId,
      title: title ?? "",
      abstract: summary ?? "",
      authors: (author ?? []).map((a) => a.name ?? ""),
      publishedAt: published,
      feedDay: options.feedDay ?? (publishedAt && !Number.isNaN(publishedAt.getTime()) ? dayFromDate(publishedAt) : ""),
      githubRepo: GITHUB.exec(comment ?? "")?.[0] ?? GITHUB.exec(summary ?? "")?.[0] ?? null,
      // The primary category first, then the others as listed.
      categories: [primary_category?.["@term"], ...(category ?? []).map((c) => c["@term"])].filter(
        (term): term is string => typeof term === "string" && term !== "",
      ),
    });
    if (paper.success) batch.papers.push(paper.data);
    else batch.rejected.push({ at, id: arxivId, reason: describeIssues(paper.error.issues) });
  });
  const total = Number(document.feed.totalResults ?? batch.papers.length + batch.rejected.length);
  return { batch, totalResults: Number.isFinite(total) ? total : 0 };
}
