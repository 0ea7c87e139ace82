import { holdsPhrases, type PhraseChain } from "./phrase";

/**
 * PostgreSQL's `ts_rank` of each word of a title in its paper's whole search document (title, authors
 * and abstract, weighted as lib/search/data.ts scores them), for every paper, held by a web process
 * beside the titles' words (lib/search/titles/data.ts reads both). A search's candidates are mostly
 * titles holding its words ("model", "graph neural", a quoted phrase's), and scoring them in
 * PostgreSQL read their search documents out of TOAST (~120 µs each when not in shared buffers): 17.6
 * ms of a 30 ms search at a million papers (README, "Search misses at a million papers", eighth and
 * ninth passes). The ranks are PostgreSQL's own numbers: the database keeps them (paper_title_ranks,
 * computed by `title_word_ranks` with the scoring statement's expression, by triggers on papers), so a
 * candidate scored from them scores as it would there, to the last bit; a word of the query that is
 * not in a paper's title sends it to PostgreSQL.
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
  /** Each paper's row (its rank in the title index), by id: see rowsById. */
  rows: Int32Array | Map<number, number>;
  /** Papers whose ranks are held (the others' are NaN: none were kept for them yet). */
  papers: number;
  /** Upvotes by row, as read. */
  upvotes: Int32Array;
  /** Row r's title lexemes (as numbers of `numbers`) and their ranks are at [starts[r], starts[r + 1]). */
  starts: Int32Array;
  lexemes: Int32Array;
  /** ts_rank is a float4: held as one, exactly. */
  ranks: Float32Array;
  /** Beside `lexemes`: each one's positions in the title, as a mask (lib/search/phrase.ts). */
  masks: Int32Array;
  numbers: Map<string, number>;
}

/** Ids above this many per paper (most deleted) are looked up in a map rather than an array. */
const SPARSE_IDS = 4;

/** Each paper's row by id (`ids`: by row): an array indexed by id when ids are dense enough, else a map. */
export function rowsById(ids: Int32Array, maxId: number): HeldRanks["rows"] {
  if (maxId >= SPARSE_IDS * ids.length + 1024) return new Map(Array.from(ids, (id, row) => [id, row]));
  const rows = new Int32Array(maxId + 1).fill(-1);
  ids.forEach((id, row) => {
    rows[id] = row;
  });
  return rows;
}

/** A paper's row, or -1 when it is not held. */
function rowOf(held: HeldRanks, id: number): number {
  if (held.rows instanceof Map) return held.rows.get(id) ?? -1;
  return held.rows[id] ?? -1;
}

/** Where a row's lexeme is in `lexemes` (and `ranks`, `masks`), or -1 when its title does not hold it. */
function slotOf(held: HeldRanks, row: number, lexeme: string): number {
  const number = held.numbers.get(lexeme);
  if (number === undefined) return -1;
  for (let i = held.starts[row] as number, end = held.starts[row + 1] as number; i < end; i++) {
    if (held.lexemes[i] === number) return i;
  }
  return -1;
}

/**
 * A paper's rank for each of `terms` (in their order) and its upvotes as read, or null when the paper
 * is not held or one of the terms is not in its title (PostgreSQL then scores it).
 */
export function heldTermRanks(
  held: HeldRanks,
  id: number,
  terms: readonly string[],
): { ranks: number[]; upvotes: number } | null {
  const row = rowOf(held, id);
  if (row < 0) return null;
  const ranks: number[] = [];
  for (const term of terms) {
    const slot = slotOf(held, row, term);
    const rank = slot < 0 ? Number.NaN : (held.ranks[slot] as number);
    if (Number.isNaN(rank)) return null;
    ranks.push(rank);
  }
  return { ranks, upvotes: held.upvotes[row] as number };
}

/**
 * Whether the title of the paper at `row` (its rank in the title index) holds every phrase, from its
 * word positions (lib/search/phrase.ts); null when they cannot tell (PostgreSQL then checks it).
 */
export function titleHoldsPhrases(held: HeldRanks, row: number, chains: readonly PhraseChain[]): boolean | null {
  if (row < 0 || row >= held.starts.length - 1) return null;
  return holdsPhrases(chains, (lexeme) => {
    const slot = slotOf(held, row, lexeme);
    return slot < 0 ? 0 : (held.masks[slot] as number);
  });
}
