import "server-only";
import { db } from "@/lib/db";
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

export interface AuthorPage {
  name: string;
  papers: PaperCardData[];
  /** Papers listing this name, and their upvotes in all. */
  total: number;
  totalUpvotes: number;
  page: number;
  pageCount: number;
}

/**
 * An author's papers, newest first, and their totals. Papers are found by the GIN index on
 * `authors` (`authors @> ARRAY[name]`): the name exactly as papers list it.
 */
export async function getAuthorPage(name: string, page: number): Promise<AuthorPage> {
  // One pass over the author's papers (GIN index, then only the columns ordering and totals need),
  // then the page's cards by id.
  const [found] = await db.$queryRaw<{ total: number; upvotes: bigint | null; ids: number[] }[]>`
    WITH mine AS MATERIALIZED (
      SELECT id, published_at, upvotes FROM papers WHERE authors @> ARRAY[${name}]::text[]
    )
    SELECT (SELECT count(*)::int FROM mine) AS total, (SELECT sum(upvotes) FROM mine) AS upvotes,
           ARRAY(SELECT id FROM mine ORDER BY published_at DESC, id DESC
                 LIMIT ${AUTHOR_PAGE_SIZE} OFFSET ${(page - 1) * AUTHOR_PAGE_SIZE}) AS ids`;
  const ids = found?.ids ?? [];
  const rows =
    ids.length === 0
      ? []
      : await db.$queryRaw<CardRow[]>`
          SELECT ${CARD_COLUMNS} FROM papers p WHERE p.id = ANY(${ids}::int[])
          ORDER BY p.published_at DESC, p.id DESC`;
  const total = found?.total ?? 0;
  return {
    name,
    papers: rows.map(cardFromRow),
    total,
    totalUpvotes: Number(found?.upvotes ?? 0),
    page,
    pageCount: Math.max(1, Math.ceil(total / AUTHOR_PAGE_SIZE)),
  };
}

/** For the API: full records, newest first. */
export async function getAuthorPaperRecords(name: string, options: { limit: number; offset: number }): Promise<PaperDetail[]> {
  const rows = await db.$queryRaw<PaperRow[]>`
    SELECT ${PAPER_COLUMNS} FROM papers p
    WHERE p.authors @> ARRAY[${name}]::text[]
    ORDER BY p.published_at DESC, p.id DESC
    LIMIT ${options.limit} OFFSET ${options.offset}`;
  return rows.map(detailFromRow);
}
