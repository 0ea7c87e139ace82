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

/**
 * Whether the walk's matches (`found` among the TITLE_WALK_ROWS most upvoted of `papers`, `wanted` at
 * most) are the title candidates: it covered every paper, or found `wanted`, or found so many that the
 * titles matching in all (about found × papers / TITLE_WALK_ROWS) are too many to read from the GIN
 * index (then the rare words and the semantic list bring the other candidates).
 */
export function walkIsEnough(found: number, wanted: number, papers: number): boolean {
  if (papers <= TITLE_WALK_ROWS || found >= wanted) return true;
  return (found * papers) / TITLE_WALK_ROWS > TITLE_INDEX_BUDGET;
}
