/**
 * Title candidates of a search (lib/search/data.ts titleMatches): the papers whose title holds every
 * word, most upvoted first. The most upvoted papers are walked first (papers_upvotes_idx holds each
 * title's document), and how many of them match says how many titles match in all.
 */

/** Papers walked at most, most upvoted first (~10 ms at a million papers). */
export const TITLE_WALK_ROWS = 10_000;

/**
 * Title matches are taken from the GIN index when the walk says there are at most this many in all:
 * each is a row read for its upvotes (~20 µs from memory, far more from disk), and words that go
 * together ("large language model": 54,779 titles of a million) took a second.
 */
export const TITLE_INDEX_BUDGET = 2_000;

/** Titles in all of `papers` for `walked` of the walk's TITLE_WALK_ROWS (the walk's share, scaled). */
const titlesInAll = (walked: number, papers: number) => (walked * papers) / TITLE_WALK_ROWS;

/**
 * Whether the walk's matches (`found` among the TITLE_WALK_ROWS most upvoted of `papers`, `wanted` at
 * most) are the title candidates: it covered every paper, or found `wanted`, or found so many that the
 * titles matching in all (about found × papers / TITLE_WALK_ROWS) are too many to read from the GIN
 * index (then the rare words and the semantic list bring the other candidates).
 */
export function walkIsEnough(found: number, wanted: number, papers: number): boolean {
  if (papers <= TITLE_WALK_ROWS || found >= wanted) return true;
  return titlesInAll(found, papers) > TITLE_INDEX_BUDGET;
}

/**
 * How the GIN index is read once the walk was not enough. Titles are found there by their words, and
 * a quoted phrase is checked on each row found (its words' order): `read` of the walk's titles held
 * every word for its `found` matches. When the rows PostgreSQL would read for all the matches (about
 * read × papers / TITLE_WALK_ROWS) are over TITLE_INDEX_BUDGET ("in context learning": ~4,700 rows
 * read for ~1,900 matches, 190 ms from the kernel's cache), the first `wanted` matches in the table's
 * order are taken instead of the most upvoted (the walk brought the most upvoted ones).
 */
export function indexReadsAll(walk: { found: number; read: number }, papers: number): boolean {
  return titlesInAll(Math.max(walk.read, walk.found), papers) <= TITLE_INDEX_BUDGET;
}
