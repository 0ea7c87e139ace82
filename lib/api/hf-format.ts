import { dateFromDay } from "@/lib/dates";
import type { PaperDetail } from "@/lib/papers/data";

/**
 * Hugging Face's field names, so that scripts written for huggingface.co/api can point at us:
 * GET /api/daily_papers answers `[{ paper: {...}, publishedAt, title, numComments }]` and
 * GET /api/papers/<id> answers the `paper` object. (Our importer reads this same format back.)
 */
export interface HfPaper {
  id: string;
  title: string;
  summary: string;
  authors: { name: string }[];
  publishedAt: string;
  upvotes: number;
  githubRepo?: string;
  projectPage?: string;
  /** Ours, not Hugging Face's: arXiv categories, the primary one first (absent when unknown). */
  categories?: string[];
}

export interface HfDailyItem {
  paper: HfPaper;
  /** The day the paper was listed, as midnight UTC (as Hugging Face serves it). */
  publishedAt: string;
  title: string;
  numComments: number;
}

/** What the API needs of a paper (lib/papers/data.ts's PaperDetail). */
export type PaperRecord = PaperDetail;

export function toHfPaper(paper: PaperRecord): HfPaper {
  return {
    id: paper.arxivId,
    title: paper.title,
    summary: paper.abstract,
    authors: paper.authors.map((name) => ({ name })),
    publishedAt: paper.publishedAt.toISOString(),
    upvotes: paper.upvotes,
    ...(paper.githubRepo ? { githubRepo: paper.githubRepo } : {}),
    ...(paper.projectPage ? { projectPage: paper.projectPage } : {}),
    ...(paper.categories.length ? { categories: paper.categories } : {}),
  };
}

export function toHfDailyItem(paper: PaperRecord): HfDailyItem {
  return {
    paper: toHfPaper(paper),
    publishedAt: dateFromDay(paper.feedDay).toISOString(),
    title: paper.title,
    numComments: paper.numComments,
  };
}
