import "server-only";
import { db } from "@/lib/db";
import type { PaperInput } from "@/lib/papers/schema";

/** Rows per INSERT: large enough to be fast, small enough to keep one statement's parameters modest. */
const UPSERT_BATCH_SIZE = 500;

export interface UpsertSummary {
  inserted: string[];
  updated: string[];
  unchanged: string[];
}

/**
 * Inserts new papers and updates known ones (by arXiv id) in one statement per batch. A paper keeps
 * the feed day it was first listed on; its upvote total follows the source's count (never downwards:
 * an older snapshot must not undo newer upvotes) without losing local votes. Rows whose data did not
 * change are left alone, so a second import of the same file changes nothing, updated_at included.
 */
export async function upsertPapers(papers: readonly PaperInput[], client: PaperWriter = db): Promise<UpsertSummary> {
  const summary: UpsertSummary = { inserted: [], updated: [], unchanged: [] };
  // The last occurrence of an id wins, as it would with one upsert per row.
  const unique = [...new Map(papers.map((paper) => [paper.arxivId, paper])).values()];
  for (let offset = 0; offset < unique.length; offset += UPSERT_BATCH_SIZE) {
    const batch = unique.slice(offset, offset + UPSERT_BATCH_SIZE);
    const rows = batch.map((paper) => ({
      arxiv_id: paper.arxivId,
      title: paper.title,
      abstract: paper.abstract,
      authors: paper.authors,
      published_at: paper.publishedAt.toISOString(),
      feed_day: paper.feedDay,
      source_upvotes: paper.sourceUpvotes,
      github_repo: paper.githubRepo,
      project_page: paper.projectPage,
      categories: paper.categories,
    }));
    const changed = await client.$queryRaw<{ arxiv_id: string; inserted: boolean }[]>`
      INSERT INTO papers AS p (arxiv_id, title, abstract, authors, published_at, feed_day, source_upvotes, upvotes,
                               github_repo, project_page, categories, updated_at)
      SELECT r.arxiv_id, r.title, r.abstract, r.authors, r.published_at, r.feed_day, r.source_upvotes, r.source_upvotes,
             r.github_repo, r.project_page, r.categories, now()
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(
        arxiv_id text, title text, abstract text, authors text[], published_at timestamptz, feed_day date,
        source_upvotes int, github_repo text, project_page text, categories text[])
      ON CONFLICT (arxiv_id) DO UPDATE SET
        title = EXCLUDED.title,
        abstract = EXCLUDED.abstract,
        authors = EXCLUDED.authors,
        published_at = EXCLUDED.published_at,
        source_upvotes = GREATEST(p.source_upvotes, EXCLUDED.source_upvotes),
        upvotes = p.upvotes + GREATEST(EXCLUDED.source_upvotes - p.source_upvotes, 0),
        github_repo = COALESCE(EXCLUDED.github_repo, p.github_repo),
        project_page = COALESCE(EXCLUDED.project_page, p.project_page),
        -- A source without categories (Hugging Face) keeps the ones arXiv gave.
        categories = CASE WHEN cardinality(EXCLUDED.categories) > 0 THEN EXCLUDED.categories ELSE p.categories END,
        updated_at = now()
      WHERE (p.title, p.abstract, p.authors, p.published_at, p.github_repo, p.project_page, p.categories)
              IS DISTINCT FROM
            (EXCLUDED.title, EXCLUDED.abstract, EXCLUDED.authors, EXCLUDED.published_at,
             COALESCE(EXCLUDED.github_repo, p.github_repo), COALESCE(EXCLUDED.project_page, p.project_page),
             CASE WHEN cardinality(EXCLUDED.categories) > 0 THEN EXCLUDED.categories ELSE p.categories END)
         OR EXCLUDED.source_upvotes > p.source_upvotes
      RETURNING p.arxiv_id, (xmax = 0) AS inserted`;
    const touched = new Map(changed.map((row) => [row.arxiv_id, row.inserted]));
    for (const paper of batch) {
      const inserted = touched.get(paper.arxivId);
      if (inserted === undefined) summary.unchanged.push(paper.arxivId);
      else if (inserted) summary.inserted.push(paper.arxivId);
      else summary.updated.push(paper.arxivId);
    }
  }
  return summary;
}

/**
 * A paper a reader submitted: listed on `feedDay` (today), credited to them. Answers false, and
 * changes nothing, when the paper is already here (also when two readers submit it at once).
 */
export async function insertSubmittedPaper(paper: PaperInput, userId: string): Promise<boolean> {
  const inserted = await db.$executeRaw`
    INSERT INTO papers (arxiv_id, title, abstract, authors, published_at, feed_day, source_upvotes, upvotes, github_repo,
                        project_page, categories, submitted_by_id, updated_at)
    VALUES (${paper.arxivId}, ${paper.title}, ${paper.abstract}, ${paper.authors}, ${paper.publishedAt}, ${paper.feedDay}::date,
            0, 0, ${paper.githubRepo}, ${paper.projectPage}, ${paper.categories}::text[], ${userId}, now())
    ON CONFLICT (arxiv_id) DO NOTHING`;
  return inserted === 1;
}

export type PaperWriter = Pick<typeof db, "$queryRaw">;

/** Runs writes in one transaction (an all-or-nothing import); long, since an import can be large. */
export function inPaperTransaction<T>(fn: (client: PaperWriter) => Promise<T>): Promise<T> {
  return db.$transaction((tx) => fn(tx), { timeout: 30 * 60_000, maxWait: 60_000 });
}
