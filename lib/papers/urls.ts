import type { Period } from "@/lib/dates";

/** The feed page of a period: /papers/date/2026-04-01, /papers/week/2026-W14, /papers/month/2026-04. */
export function periodPath(period: Pick<Period, "kind" | "key">): string {
  return `/papers/${period.kind === "day" ? "date" : period.kind}/${period.key}`;
}

export function paperPath(arxivId: string): string {
  return `/papers/${arxivId}`;
}

export const arxivAbsUrl = (arxivId: string) => `https://arxiv.org/abs/${arxivId}`;
export const arxivPdfUrl = (arxivId: string) => `https://arxiv.org/pdf/${arxivId}`;

/** Page `page` of a period's feed: the period's own address for page 1, /page/N after it. */
export function feedPagePath(period: Pick<Period, "kind" | "key">, page: number): string {
  return page <= 1 ? periodPath(period) : `${periodPath(period)}/page/${page}`;
}

/** An author's page: /authors/Ada%20Lovelace (the name exactly as papers list it). */
export const authorPath = (name: string) => `/authors/${encodeURIComponent(name)}`;

/** The papers of an arXiv category, newest first: /papers?category=cs.CL. */
export const categoryPath = (category: string) => `/papers?category=${encodeURIComponent(category)}`;
