import "server-only";
import { dayFromDate } from "@/lib/dates";
import { db } from "@/lib/db";
import { detailFromRow, type PaperDetail, type PaperRow } from "@/lib/papers/data";
import { HIGHLIGHT_END, HIGHLIGHT_START } from "./query";

/** Relevance weights for D, C, B, A labels: abstract (C) 0.2, authors (B) 0.5, title (A) 1. */
const RANK_WEIGHTS = "{0.05, 0.2, 0.5, 1.0}";
const HEADLINE_TITLE = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, HighlightAll=true`;
const HEADLINE_ABSTRACT = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, MaxWords=45, MinWords=20, MaxFragments=2, FragmentDelimiter=" … "`;

export interface SearchHit extends PaperDetail {
  /** Title and abstract excerpt with matches between HIGHLIGHT_START and HIGHLIGHT_END. */
  highlightedTitle: string;
  highlightedAbstract: string;
}

export interface SearchPage {
  total: number;
  hits: SearchHit[];
}

type HitRow = PaperRow & { highlighted_title: string; highlighted_abstract: string };

const toHit = (row: HitRow): SearchHit => ({
  ...detailFromRow(row),
  highlightedTitle: row.highlighted_title,
  highlightedAbstract: row.highlighted_abstract,
});

/**
 * Full-text search over title, authors and abstract (the GIN-indexed search_vector). Papers whose
 * title matches come first, then by weighted relevance, then by upvotes. Only the returned page is
 * highlighted (ts_headline re-reads the text, so it runs on `limit` rows, not on every match).
 */
export async function searchPapers(tsquery: string, options: { limit: number; offset?: number }): Promise<SearchPage> {
  const offset = options.offset ?? 0;
  const [count] = await db.$queryRaw<{ total: number }[]>`
    SELECT count(*)::int AS total FROM papers WHERE search_vector @@ to_tsquery('english', ${tsquery})`;
  const rows = await db.$queryRaw<HitRow[]>`
    WITH q AS (SELECT to_tsquery('english', ${tsquery}) AS query),
    page AS (
      SELECT p.*, (ts_filter(p.search_vector, '{a}') @@ q.query) AS title_match,
             ts_rank_cd(${RANK_WEIGHTS}::float4[], p.search_vector, q.query) AS relevance
      FROM papers p, q
      WHERE p.search_vector @@ q.query
      ORDER BY title_match DESC, relevance DESC, p.upvotes DESC, p.arxiv_id DESC
      LIMIT ${options.limit} OFFSET ${offset}
    )
    SELECT page.arxiv_id, page.title, page.abstract, page.authors, page.published_at, page.feed_day, page.upvotes,
           page.github_repo, page.project_page,
           ts_headline('english', page.title, q.query, ${HEADLINE_TITLE}) AS highlighted_title,
           ts_headline('english', page.abstract, q.query, ${HEADLINE_ABSTRACT}) AS highlighted_abstract
    FROM page, q
    ORDER BY page.title_match DESC, page.relevance DESC, page.upvotes DESC, page.arxiv_id DESC`;
  return { total: count?.total ?? 0, hits: rows.map(toHit) };
}

/**
 * Papers like this one: an OR of the lexemes of its title, ranked over the whole documents (so a
 * paper that shares title words and abstract vocabulary ranks first). Excludes the paper itself.
 */
export async function getSimilarPapers(arxivId: string, limit = 5) {
  const rows = await db.$queryRaw<{ arxiv_id: string; title: string; authors: string[]; upvotes: number; feed_day: Date }[]>`
    WITH source AS (SELECT id, ts_filter(search_vector, '{a}') AS title_vector FROM papers WHERE arxiv_id = ${arxivId}),
    q AS (
      SELECT source.id, string_agg(quote_literal(lexeme), ' | ')::tsquery AS query
      FROM source, unnest(tsvector_to_array(source.title_vector)) AS lexeme
      GROUP BY source.id
    )
    SELECT p.arxiv_id, p.title, p.authors, p.upvotes, p.feed_day
    FROM papers p, q
    WHERE p.search_vector @@ q.query AND p.id <> q.id
    ORDER BY ts_rank_cd(${RANK_WEIGHTS}::float4[], p.search_vector, q.query) DESC, p.upvotes DESC, p.arxiv_id
    LIMIT ${limit}`;
  return rows.map((row) => ({
    arxivId: row.arxiv_id,
    title: row.title,
    authorCount: row.authors.length,
    upvotes: row.upvotes,
    feedDay: dayFromDate(row.feed_day),
  }));
}
