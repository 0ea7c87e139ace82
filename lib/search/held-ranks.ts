/**
 * PostgreSQL's `ts_rank` of each word of a title in its paper's whole search document (title, authors
 * and abstract, weighted as lib/search/data.ts scores them), for the most upvoted papers, held by a
 * web process beside the titles' words (lib/search/titles/data.ts reads both). A search for common
 * words ("model", "video generation") takes its candidates from the most upvoted titles holding the
 * words, and scoring them in PostgreSQL read 200 search documents out of TOAST each time: 17.6 ms of a
 * 30 ms search at a million papers, against ~5 ms once they are in shared buffers (README, "Search
 * misses at a million papers, eighth pass"). The ranks are PostgreSQL's own numbers, read with the
 * same expression the scoring statement uses, so a candidate scored from them scores as it would
 * there, to the last bit; the words of a query that are not in a paper's title send it to PostgreSQL.
 *
 * Like the titles' words, they are those of when they were read (an hour at most): an abstract edited
 * since is ranked by its former words until they are read again, upvotes are that hour's, and a paper
 * deleted since can hold a place in the lexical list (the page reads its papers and leaves it out).
 */

/**
 * ts_rank weights of the search document's parts ({D, C, B, A}: -, abstract, authors, title). A title
 * word counts twice an abstract word; ts_rank saturates repeats, so three mentions in an abstract weigh
 * about one in the title.
 */
export const FIELD_WEIGHTS = "{0, 0.5, 0.6, 1.0}";

export interface HeldRanks {
  /** Each held paper's row, by id. */
  rows: Map<number, number>;
  /** Upvotes by row, as read. */
  upvotes: Int32Array;
  /** Row r's title lexemes (as numbers of `numbers`) and their ranks are at [starts[r], starts[r + 1]). */
  starts: Int32Array;
  lexemes: Int32Array;
  ranks: Float64Array;
  numbers: Map<string, number>;
}

/** A paper as read: its title's lexemes, and the rank of each in its whole search document. */
export interface RankedTitle {
  id: number;
  upvotes: number;
  lexemes: readonly string[];
  ranks: readonly number[];
}

/**
 * Builds HeldRanks a paper at a time, as they are read: nothing is kept of a row but its numbers (the
 * rows of a million-paper read would otherwise live long enough to be promoted, and be collected by a
 * full garbage collection later, during requests).
 */
export class HeldRanksBuilder {
  private readonly numbers = new Map<string, number>();
  private readonly rows = new Map<number, number>();
  private readonly upvotes: number[] = [];
  private readonly starts: number[] = [0];
  private readonly lexemes: number[] = [];
  private readonly ranks: number[] = [];

  add(title: RankedTitle) {
    if (title.lexemes.length !== title.ranks.length) {
      throw new Error(`HeldRanksBuilder: paper ${title.id} has ${title.lexemes.length} lexemes and ${title.ranks.length} ranks`);
    }
    this.rows.set(title.id, this.upvotes.length);
    this.upvotes.push(title.upvotes);
    title.lexemes.forEach((lexeme, i) => {
      let number = this.numbers.get(lexeme);
      if (number === undefined) {
        number = this.numbers.size;
        this.numbers.set(lexeme, number);
      }
      this.lexemes.push(number);
      this.ranks.push(title.ranks[i] as number);
    });
    this.starts.push(this.lexemes.length);
  }

  build(): HeldRanks {
    return {
      rows: this.rows,
      upvotes: Int32Array.from(this.upvotes),
      starts: Int32Array.from(this.starts),
      lexemes: Int32Array.from(this.lexemes),
      ranks: Float64Array.from(this.ranks),
      numbers: this.numbers,
    };
  }
}

export function holdRanks(titles: readonly RankedTitle[]): HeldRanks {
  const builder = new HeldRanksBuilder();
  for (const title of titles) builder.add(title);
  return builder.build();
}

export const NO_RANKS: HeldRanks = holdRanks([]);

/**
 * A paper's rank for each of `terms` (in their order) and its upvotes as read, or null when the paper
 * is not held or one of the terms is not in its title (PostgreSQL then scores it).
 */
export function heldTermRanks(
  held: HeldRanks,
  id: number,
  terms: readonly string[],
): { ranks: number[]; upvotes: number } | null {
  const row = held.rows.get(id);
  if (row === undefined) return null;
  const start = held.starts[row] as number;
  const end = held.starts[row + 1] as number;
  const ranks: number[] = [];
  for (const term of terms) {
    const number = held.numbers.get(term);
    if (number === undefined) return null;
    let found = -1;
    for (let i = start; i < end; i++) {
      if (held.lexemes[i] === number) {
        found = i;
        break;
      }
    }
    if (found < 0) return null;
    ranks.push(held.ranks[found] as number);
  }
  return { ranks, upvotes: held.upvotes[row] as number };
}
