import "server-only";
import { db } from "@/lib/db";
import { cacheTags, tags } from "@/lib/page-cache/collector";
import {
  CARD_COLUMNS,
  type CardRow,
  cardFromRow,
  detailFromRow,
  PAPER_COLUMNS,
  type PaperCardData,
  type PaperDetail,
  type PaperRow,
} from "@/lib/papers/data";

export const AUTHOR_PAGE_SIZE = 30;
/** The spellings an author page lists ("Also listed as") are read from this many of their latest papers. */
const SPELLING_PAPERS = 300;

export interface AuthorPage {
  name: string;
  /** How the papers found spell the name, this spelling first (more than one: "Ryan A. Rossi", "Ryan Rossi"). */
  spellings: string[];
  papers: PaperCardData[];
  /** Papers listing this name, and their upvotes in all. */
  total: number;
  totalUpvotes: number;
  page: number;
  pageCount: number;
}

/**
 * One pass over an author's papers, reading only what ordering and totals need: their number, their
 * upvotes in all, the ids of one page (newest first) and the spellings of the name their latest
 * SPELLING_PAPERS list (every author's name of every paper of a prolific author cost 250 ms). Papers
 * are found by the name's key (the GIN index on author_keys(authors), migration
 * 20261204080000_author_name_variants): "Ryan A. Rossi" and "Ryan Rossi" are one author. Pages and
 * the API then read those rows by id.
 */
async function findAuthorPapers(name: string, limit: number, offset: number) {
  const [found] = await db.$queryRaw<{ total: number; upvotes: bigint | null; ids: number[]; spellings: string[] }[]>`
    WITH mine AS MATERIALIZED (
      SELECT id, published_at, upvotes, authors FROM papers WHERE author_keys(authors) @> ARRAY[author_key(${name})]
    )
    SELECT (SELECT count(*)::int FROM mine) AS total, (SELECT sum(upvotes) FROM mine) AS upvotes,
           ARRAY(SELECT id FROM mine ORDER BY published_at DESC, id DESC LIMIT ${limit} OFFSET ${offset}) AS ids,
           ARRAY(SELECT DISTINCT a FROM (SELECT authors FROM mine ORDER BY published_at DESC LIMIT ${SPELLING_PAPERS}) AS latest,
                 unnest(latest.authors) AS a WHERE author_key(a) = author_key(${name})) AS spellings`;
  const spellings = found?.spellings ?? [];
  return {
    total: found?.total ?? 0,
    upvotes: Number(found?.upvotes ?? 0),
    ids: found?.ids ?? [],
    spellings: [name, ...spellings.filter((spelling) => spelling !== name).sort()],
  };
}

/** An author's page of cards, newest first, with their totals. */
export async function getAuthorPage(name: string, page: number): Promise<AuthorPage> {
  const { total, upvotes, ids, spellings } = await findAuthorPapers(name, AUTHOR_PAGE_SIZE, (page - 1) * AUTHOR_PAGE_SIZE);
  const rows =
    ids.length === 0
      ? []
      : await db.$queryRaw<CardRow[]>`
          SELECT ${CARD_COLUMNS} FROM papers p WHERE p.id = ANY(${ids}::int[])
          ORDER BY p.published_at DESC, p.id DESC`;
  return {
    name,
    spellings,
    papers: rows.map(cardFromRow),
    total,
    totalUpvotes: upvotes,
    page,
    pageCount: Math.max(1, Math.ceil(total / AUTHOR_PAGE_SIZE)),
  };
}

/** For the API: full records, newest first. */
export async function getAuthorPaperRecords(name: string, options: { limit: number; offset: number }): Promise<PaperDetail[]> {
  // Retired, like the author page, when any paper comes, goes or changes its authors, or one listed changes.
  cacheTags(tags.search);
  const { ids } = await findAuthorPapers(name, options.limit, options.offset);
  if (ids.length === 0) return [];
  const rows = await db.$queryRaw<PaperRow[]>`
    SELECT ${PAPER_COLUMNS} FROM papers p WHERE p.id = ANY(${ids}::int[])
    ORDER BY p.published_at DESC, p.id DESC`;
  cacheTags(...rows.map((row) => tags.paper(row.arxiv_id)));
  return rows.map(detailFromRow);
}
