import { arxivAbsUrl, arxivPdfUrl, paperPath } from "./urls";

/** What the scholarly descriptions of a paper page are made from. */
export interface ScholarlyPaper {
  arxivId: string;
  title: string;
  abstract: string;
  authors: string[];
  publishedAt: Date;
  upvotes: number;
}

const ymd = (date: Date, separator: string) =>
  [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()].map((part) => String(part).padStart(2, "0")).join(separator);

/**
 * Highwire Press tags (`citation_*`), which Google Scholar's indexer and Zotero's connector read from
 * a page's <meta name=...>: one `citation_author` per author, in order; the date as YYYY/MM/DD.
 */
export function citationTags(paper: ScholarlyPaper, appUrl: string): Record<string, string | string[]> {
  return {
    citation_title: paper.title,
    citation_author: paper.authors,
    citation_publication_date: ymd(paper.publishedAt, "/"),
    citation_online_date: ymd(paper.publishedAt, "/"),
    citation_arxiv_id: paper.arxivId,
    citation_pdf_url: arxivPdfUrl(paper.arxivId),
    citation_abstract_html_url: `${appUrl}${paperPath(paper.arxivId)}`,
    citation_publisher: "arXiv",
  };
}

/** schema.org's ScholarlyArticle, as JSON-LD. */
export function scholarlyArticle(paper: ScholarlyPaper, appUrl: string) {
  return {
    "@context": "https://schema.org",
    "@type": "ScholarlyArticle",
    headline: paper.title.slice(0, 110),
    name: paper.title,
    abstract: paper.abstract,
    author: paper.authors.map((name) => ({ "@type": "Person", name })),
    datePublished: ymd(paper.publishedAt, "-"),
    url: `${appUrl}${paperPath(paper.arxivId)}`,
    sameAs: arxivAbsUrl(paper.arxivId),
    identifier: { "@type": "PropertyValue", propertyID: "arXiv", value: paper.arxivId },
    encoding: { "@type": "MediaObject", encodingFormat: "application/pdf", contentUrl: arxivPdfUrl(paper.arxivId) },
    interactionStatistic: {
      "@type": "InteractionCounter",
      interactionType: "https://schema.org/LikeAction",
      userInteractionCount: paper.upvotes,
    },
  };
}

/** JSON for a <script type="application/ld+json">: no "<" in it, so no text can close the element. */
export function jsonLdText(data: unknown): string {
  return JSON.stringify(data).replace(/</g, "\\u003c");
}
