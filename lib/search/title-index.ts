import { float32s, int32s } from "./chunked";
import { type HeldRanks, rowsById } from "./held-ranks";
import { LONG_TITLE } from "./phrase";
import type { QueryWord } from "./query";

/**
 * The titles' words held in memory by a web process at a large catalogue (as it holds the IVF lists),
 * so that a search's title candidates (lib/search/data.ts titleMatches) cost no statement beyond one
 * for the papers added since: for each title lexeme, the papers whose titles hold it, as their ranks
 * (0 = most upvoted, ties by id, newest first), in ascending order. Papers holding every word of a
 * query are the ranks every word's list holds: walking the shortest list and looking each rank up in
 * the others, they come most upvoted first, and the walk stops at the number wanted. In PostgreSQL the
 * same answer reads the row of every title holding the words (the GIN index does not know upvotes):
 * 1,404 rows for "why do language models hallucinate", 437 for "token pruning", 33-99 ms from the
 * kernel's cache at a million papers (README, "Search misses ... sixth pass").
 *
 * Upvotes are those of when the index was built: papers are ordered by them. The candidates are then
 * scored from the ranks read with the titles (lib/search/held-ranks.ts), with that hour's, or, for
 * papers added since, in PostgreSQL with today's.
 */
export interface TitleIndex {
  /** Paper ids by rank. */
  ids: Int32Array;
  /** Upvotes by rank, as read when the index was built. */
  upvotes: Int32Array;
  /** Each lexeme's ranks, ascending: a view into one buffer. */
  postings: Map<string, Int32Array>;
  /** The highest paper id read: papers added after it are not in the index. */
  maxId: number;
  /** The ranks of the titles' words (lib/search/held-ranks.ts), read with them. */
  ranks: HeldRanks;
}

/** One paper as the index is built from it, most upvoted first (upvotes DESC, id DESC). */
export interface TitleRow {
  id: number;
  upvotes: number;
  lexemes: readonly string[];
  /** Each lexeme's positions in the title, as a mask (lib/search/phrase.ts; none: LONG_TITLE each). */
  masks?: readonly number[];
  /**
   * The rank of each lexeme in the paper's whole search document (lib/search/held-ranks.ts), as
   * paper_title_ranks keeps them: a float4 each, 4 bytes big-endian; none when none were kept yet.
   */
  ranks?: Buffer | null;
}

/**
 * Builds an index from batches of rows, most upvoted first (as papers_upvotes_idx reads them). Each
 * row's lexemes are kept as numbers until the end, when every lexeme's count is known and the
 * postings are laid out in one buffer of their exact size (a growing array per lexeme kept twice
 * what it held, and the heap the read grew stayed with the process).
 */
export class TitleIndexBuilder {
  private readonly ids = int32s();
  private readonly upvotes = int32s();
  /** Each row's lexeme numbers, one row after another; rowEnds: where each row's end. */
  private readonly rowLexemes = int32s();
  private readonly rowEnds = int32s();
  /** Beside rowLexemes: each lexeme's rank in its paper's document (NaN: not kept). */
  private readonly rowRanks = float32s();
  /** Beside rowLexemes: each lexeme's positions in the title (lib/search/phrase.ts). */
  private readonly rowMasks = int32s();
  private rankedRows = 0;
  private readonly lexemeNumbers = new Map<string, number>();
  private readonly counts: number[] = [];
  /** The last row each lexeme was counted for (a lexeme repeated in a title counts once). */
  private readonly lastRank: number[] = [];
  private maxId = 0;
  private lastRow: { upvotes: number; id: number } | null = null;

  add(rows: readonly TitleRow[]) {
    for (const row of rows) {
      const last = this.lastRow;
      if (last && (row.upvotes > last.upvotes || (row.upvotes === last.upvotes && row.id >= last.id))) {
        throw new Error("TitleIndexBuilder: rows must come most upvoted first (upvotes DESC, id DESC)");
      }
      this.lastRow = { upvotes: row.upvotes, id: row.id };
      const rank = this.ids.length;
      this.ids.push(row.id);
      this.upvotes.push(row.upvotes);
      if (row.id > this.maxId) this.maxId = row.id;
      const ranks = row.ranks?.length === row.lexemes.length * 4 ? row.ranks : null;
      if (ranks) this.rankedRows += 1;
      for (let i = 0; i < row.lexemes.length; i++) {
        const lexeme = row.lexemes[i] as string;
        let number = this.lexemeNumbers.get(lexeme);
        if (number === undefined) {
          number = this.counts.length;
          this.lexemeNumbers.set(lexeme, number);
          this.counts.push(0);
          this.lastRank.push(-1);
        }
        if (this.lastRank[number] === rank) continue;
        this.lastRank[number] = rank;
        this.counts[number] = (this.counts[number] ?? 0) + 1;
        this.rowLexemes.push(number);
        this.rowRanks.push(ranks ? ranks.readFloatBE(i * 4) : Number.NaN);
        this.rowMasks.push(row.masks?.[i] ?? LONG_TITLE);
      }
      this.rowEnds.push(this.rowLexemes.length);
    }
  }

  build(): TitleIndex {
    const starts = new Int32Array(this.counts.length + 1);
    this.counts.forEach((count, number) => {
      starts[number + 1] = (starts[number] as number) + count;
    });
    const buffer = new Int32Array(this.rowLexemes.length);
    const next = starts.slice(0, -1);
    // Rows in rank order: each lexeme's ranks come out ascending.
    for (let rank = 0, k = 0; rank < this.rowEnds.length; rank++) {
      for (const end = this.rowEnds.at(rank); k < end; k++) {
        const number = this.rowLexemes.at(k);
        buffer[(next[number] as number)++] = rank;
      }
    }
    const postings = new Map<string, Int32Array>();
    for (const [lexeme, number] of this.lexemeNumbers) {
      postings.set(lexeme, buffer.subarray(starts[number] as number, starts[number + 1] as number));
    }
    const ids = this.ids.toArray();
    const upvotes = this.upvotes.toArray();
    const ranks: HeldRanks = {
      rows: rowsById(ids, this.maxId),
      papers: this.rankedRows,
      upvotes,
      starts: Int32Array.from({ length: this.rowEnds.length + 1 }, (_, row) => (row ? this.rowEnds.at(row - 1) : 0)),
      lexemes: this.rowLexemes.toArray(),
      ranks: this.rowRanks.toArray(),
      masks: this.rowMasks.toArray(),
      numbers: this.lexemeNumbers,
    };
    return { ids, upvotes, postings, maxId: this.maxId, ranks };
  }
}

const EMPTY = new Int32Array(0);

/** Whether a sorted list holds a value, searching from `from` on; returns where the search ended. */
function seek(list: Int32Array, value: number, from: number): number {
  // Galloping: the values looked up ascend, so the next one is near.
  let step = 1;
  let high = from;
  while (high < list.length && (list[high] as number) < value) {
    from = high + 1;
    high += step;
    step *= 2;
  }
  high = Math.min(high, list.length);
  while (from < high) {
    const middle = (from + high) >>> 1;
    if ((list[middle] as number) < value) from = middle + 1;
    else high = middle;
  }
  return from;
}

/** The ranks every list holds, ascending, `limit` at most. */
function intersect(lists: readonly Int32Array[], limit: number): number[] {
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  const [shortest, ...others] = sorted;
  if (!shortest) return [];
  const positions = others.map(() => 0);
  const found: number[] = [];
  for (let i = 0; i < shortest.length && found.length < limit; i++) {
    const rank = shortest[i] as number;
    let everywhere = true;
    for (let o = 0; o < others.length; o++) {
      const list = others[o] as Int32Array;
      const at = seek(list, rank, positions[o] as number);
      positions[o] = at;
      if (at >= list.length) return found;
      if (list[at] !== rank) {
        everywhere = false;
        break;
      }
    }
    if (everywhere) found.push(rank);
  }
  return found;
}

/** Two ascending lists as one (no repeats). */
function union(a: Int32Array, b: readonly number[]): Int32Array {
  const merged = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? (a[i] as number) : Number.POSITIVE_INFINITY;
    const y = j < b.length ? (b[j] as number) : Number.POSITIVE_INFINITY;
    const next = Math.min(x, y);
    if (x === next) i++;
    if (y === next) j++;
    merged[n++] = next;
  }
  return merged.subarray(0, n);
}

/**
 * The ranks of the papers whose titles hold every word (a hyphenated word: the whole word, or all of
 * its parts, as lib/search/query.ts allOf asks PostgreSQL), most upvoted first, `limit` at most.
 */
export function titleRanks(index: TitleIndex, words: readonly QueryWord[], limit: number): number[] {
  if (words.length === 0 || limit <= 0) return [];
  const lists = words.map(({ lexeme, parts }) => {
    const whole = index.postings.get(lexeme) ?? EMPTY;
    if (parts.length === 0) return whole;
    const partLists = parts.map((part) => index.postings.get(part) ?? EMPTY);
    return union(whole, intersect(partLists, Number.POSITIVE_INFINITY));
  });
  return intersect(lists, limit);
}
