import "server-only";
import { db, withPoolConnection } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createLogger } from "@/lib/observability/log";
import { heardMark } from "../heard";
import { type HeldRanks, titleHoldsPhrases } from "../held-ranks";
import { parsePhrases, readTsvector } from "../phrase";
import type { QueryWord } from "../query";
import { type TitleIndex, TitleIndexBuilder, titleRanks } from "../title-index";
import { TITLE_WALK_ROWS } from "../title-walk";

/**
 * The titles' words in memory (lib/search/title-index.ts): read when a web process starts, above
 * TITLE_WALK_ROWS papers (below, the walk of the most upvoted titles covers every paper), and read
 * again in the background when it is an hour old. Papers added since are found by one statement a
 * search (their ids are above the index's), unless none were when last counted and the process has
 * heard of none added since (lib/search/heard.ts); when more than TAIL_LIMIT were added the index is
 * set aside (searches take the titles from PostgreSQL, as below TITLE_WALK_ROWS) until it is read again.
 */

const REBUILD_MS = 60 * 60_000;
/** How often a search counts the papers added since the index was read (the first search after, then this often). */
const TAIL_CHECK_MS = 30_000;
/** Papers added since, at most, for the index to be used (each is a row read by every search). */
const TAIL_LIMIT = 2_000;
/** Rows a FETCH reads while building (~1 MB of lexemes; requests are served between the statements). */
const BATCH = 2_000;
/** A statement of the read (the cursor's declaration, a FETCH) may take this long at most. */
const READ_STATEMENT_TIMEOUT_MS = 60_000;

interface TitleState {
  index: TitleIndex | null;
  builtAt: number;
  /** Papers added after the index, as last counted, when, and the mark of papers added heard then. */
  tail: { papers: number; at: number; mark: number | null };
  building: Promise<void> | null;
}
// On globalThis, as the search state (lib/search/vectors/data.ts): Next.js's bundle and the server's
// own copy of lib/ share it.
const shared = globalThis as unknown as { __titleIndexState?: TitleState };
shared.__titleIndexState ??= { index: null, builtAt: 0, tail: { papers: 0, at: 0, mark: null }, building: null };
const state: TitleState = shared.__titleIndexState;
const log = createLogger(() => `search ${process.pid}`);

/**
 * Every paper's title lexemes, most upvoted first, with the ranks of its title words in its whole
 * search document (paper_title_ranks: lib/search/held-ranks.ts), read through a cursor in one snapshot.
 */
export async function readTitleIndex(): Promise<TitleIndex> {
  const builder = new TitleIndexBuilder();
  // pg itself, not Prisma: a million rows came in 7.4-8.0 s through Prisma's raw queries, 5.6-7.1 s
  // this way, with a quarter less garbage collection (lib/db.ts withPoolConnection).
  await withPoolConnection(async (client) => {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    // A read kept waiting (a lock taken to rewrite the table) gives up, and is tried again in an hour.
    await client.query(`SET LOCAL statement_timeout = ${READ_STATEMENT_TIMEOUT_MS}`);
    // An index-only scan of papers_upvotes_idx, which holds each title's document, and each paper's
    // ranks by primary key. A title comes as its tsvector's text, lexemes and positions in one string
    // (an array of strings a row made the read 10 s instead of 7 at a million papers, and ~100 MB more
    // garbage); the ranks as they are kept (float4 bytes).
    await client.query(
      `DECLARE titles NO SCROLL CURSOR FOR
         SELECT p.id, p.upvotes, p.title_vector::text AS title,
                (SELECT r.ranks FROM paper_title_ranks r WHERE r.paper_id = p.id) AS ranks
         FROM papers p ORDER BY p.upvotes DESC, p.id DESC`,
    );
    for (;;) {
      const { rows } = await client.query<{ id: number; upvotes: number; title: string | null; ranks: Buffer | null }>(
        `FETCH ${BATCH} FROM titles`,
      );
      // A paper without ranks (none kept yet) is scored in PostgreSQL.
      builder.add(rows.map(({ id, upvotes, title, ranks }) => ({ id, upvotes, ranks, ...readTsvector(title ?? "") })));
      if (rows.length < BATCH) break;
    }
    await client.query("COMMIT");
  });
  return builder.build();
}

/** The ranks of the titles' words, when this process holds them (lib/search/held-ranks.ts). */
export const heldRanks = (): HeldRanks | null => state.index?.ranks ?? null;

/** Whether the catalogue is larger than the walk (checked without counting a million rows). */
async function largerThanWalk(): Promise<boolean> {
  const [row] = await db.$queryRaw<{ papers: number }[]>`
    SELECT count(*)::int AS papers FROM (SELECT 1 FROM papers LIMIT ${TITLE_WALK_ROWS + 1}) AS walk_sized`;
  return (row?.papers ?? 0) > TITLE_WALK_ROWS;
}

async function rebuild(): Promise<void> {
  // An attempt: a catalogue that grows past the walk, or a read that failed, is tried again after REBUILD_MS.
  state.builtAt = Date.now();
  if (!(await largerThanWalk())) {
    state.index = null;
    return;
  }
  const started = performance.now();
  const index = await readTitleIndex();
  log.info("titles' words read", {
    papers: index.ids.length,
    lexemes: index.postings.size,
    ranksHeld: index.ranks.papers,
    ms: Math.round(performance.now() - started),
  });
  state.index = index;
  state.builtAt = Date.now();
  // Counted by the next search: papers may have been added while the index was read.
  state.tail = { papers: 0, at: 0, mark: null };
}

/** Forgets the index read (tests that change the catalogue). */
export function forgetTitleIndex() {
  state.index = null;
  state.builtAt = 0;
  state.tail = { papers: 0, at: 0, mark: null };
}

/**
 * Reads the index (again) unless a read is in flight; resolves when it is read. Never throws: without
 * it, searches take the titles from PostgreSQL.
 */
export function warmTitleIndex(): Promise<void> {
  state.building ??= rebuild()
    .catch((error: unknown) => {
      // Searches take the titles from PostgreSQL meanwhile; the next search after REBUILD_MS asks again.
      log.warn("titles' words not read: searches read titles from PostgreSQL", { error: String(error) });
    })
    .finally(() => {
      state.building = null;
    });
  return state.building;
}

/** The index when it is usable: read, and not too many papers added since (counted now and then). */
async function usableIndex(client: PrismaClient): Promise<TitleIndex | null> {
  const now = Date.now();
  if (now - state.builtAt > REBUILD_MS) void warmTitleIndex();
  const index = state.index;
  if (!index) return null;
  if (now - state.tail.at > TAIL_CHECK_MS) {
    state.tail.at = now;
    // Taken before counting: a paper announced while it is counted leaves the count unconfirmed.
    const mark = heardMark("papers");
    const [row] = await client.$queryRaw<{ papers: number }[]>`
      SELECT count(*)::int AS papers FROM (SELECT 1 FROM papers WHERE id > ${index.maxId} LIMIT ${TAIL_LIMIT + 1}) AS added`;
    state.tail = { papers: row?.papers ?? 0, at: now, mark };
    if (state.tail.papers > TAIL_LIMIT) void warmTitleIndex();
  }
  return state.tail.papers > TAIL_LIMIT ? null : index;
}

export interface IndexedTitle {
  id: number;
  /** Among the TITLE_WALK_ROWS most upvoted papers (as the walk would have found it). */
  walked: boolean;
}

interface Ranked extends IndexedTitle {
  upvotes: number;
}

const ranked = (held: TitleIndex, rank: number): Ranked => ({
  id: held.ids[rank] as number,
  upvotes: held.upvotes[rank] as number,
  walked: rank < TITLE_WALK_ROWS,
});

/** No paper added since this process's index was read: none when last counted, and none heard of since. */
function noneAdded(held: TitleIndex): boolean {
  const { papers, mark } = state.tail;
  return held === state.index && papers === 0 && mark !== null && mark === heardMark("papers");
}

/**
 * `fromIndex` (most upvoted first) with the papers added since the index was read that match `query`,
 * in their place by upvotes, `limit` at most. They are a range of the primary key (OFFSET 0 keeps
 * PostgreSQL from reading the GIN index for the words instead, which would read every title holding
 * them).
 */
async function withAdded(client: PrismaClient, held: TitleIndex, query: string, limit: number, fromIndex: Ranked[]) {
  const added = noneAdded(held)
    ? []
    : await client.$queryRaw<{ id: number; upvotes: number }[]>`
        SELECT id, upvotes FROM (SELECT id, upvotes, title_vector FROM papers WHERE id > ${held.maxId} OFFSET 0) AS added
        WHERE title_vector @@ ${query}::tsquery ORDER BY upvotes DESC, id DESC LIMIT ${limit}`;
  const walkFloor = held.upvotes[Math.min(TITLE_WALK_ROWS, held.upvotes.length) - 1] ?? 0;
  return [...fromIndex, ...added.map((row) => ({ ...row, walked: row.upvotes > walkFloor }))]
    .sort((a, b) => b.upvotes - a.upvotes || b.id - a.id)
    .slice(0, limit)
    .map(({ id, walked }) => ({ id, walked }));
}

/**
 * The papers whose titles hold every word, most upvoted first, `limit` at most, from this process's
 * index and the papers added since (`query`: the same words as a tsquery, lib/search/query.ts allOf),
 * or null when there is no usable index. `options.index` is for tests (the process's own otherwise).
 */
export async function indexedTitleMatches(
  client: PrismaClient,
  words: readonly QueryWord[],
  query: string,
  limit: number,
  options: { index?: TitleIndex } = {},
): Promise<IndexedTitle[] | null> {
  const held = options.index ?? (await usableIndex(client));
  if (!held) return null;
  const fromIndex = titleRanks(held, words, limit).map((rank) => ranked(held, rank));
  return withAdded(client, held, query, limit, fromIndex);
}

/**
 * Titles checked for a phrase a statement, for each one wanted, when their word positions cannot tell
 * (a row read each, by primary key): at a million papers 59-86 % of the titles holding a phrase's
 * words hold the phrase ("data augmentation", "human feedback", "knowledge distillation").
 */
const PHRASE_CHECKS_A_TITLE = 1.5;

/**
 * The papers whose titles hold a quoted phrase (`phrase`: the query's phrase filter; `query`: its words
 * and the phrase, one tsquery), most upvoted first, `limit` at most, or null when there is no usable
 * index (`options`: as for indexedTitleMatches, and the titles checked a statement). The index gives
 * the titles holding every word, most upvoted first, and their word positions tell which hold the
 * phrase (lib/search/phrase.ts), in that order until `limit` do; the few they cannot tell about (a
 * title longer than 31 words) are checked by PostgreSQL, a batch at a time. "data augmentation" is in
 * 727 titles of 1,240 holding both words at a million papers; PostgreSQL alone reads all 1,240 rows
 * for their upvotes and checks the phrase on each.
 */
export async function indexedPhraseMatches(
  client: PrismaClient,
  words: readonly QueryWord[],
  phrase: string,
  query: string,
  limit: number,
  options: { index?: TitleIndex; batch?: number; positions?: boolean } = {},
): Promise<IndexedTitle[] | null> {
  const held = options.index ?? (await usableIndex(client));
  if (!held) return null;
  const batch = options.batch ?? Math.ceil(limit * PHRASE_CHECKS_A_TITLE);
  // The tests check PostgreSQL's side alone too (positions: false).
  const chains = options.positions === false ? null : parsePhrases(phrase);
  // The titles holding every word, most upvoted first, as many as may be needed: "reinforcement
  // learning" is in 38,830 titles at a million papers (10-35 ms to find them all), its 200 phrases
  // among the first ~300.
  let wanted = batch;
  let candidates = titleRanks(held, words, wanted);
  const found: Ranked[] = [];
  for (let start = 0; found.length < limit; start += batch) {
    if (start >= candidates.length && candidates.length === wanted) {
      wanted *= 4;
      candidates = titleRanks(held, words, wanted);
    }
    if (start >= candidates.length) break;
    const ranks = candidates.slice(start, start + batch);
    const told = ranks.map((rank) => (chains ? titleHoldsPhrases(held.ranks, rank, chains) : null));
    const unknown = ranks.filter((_, i) => told[i] === null).map((rank) => held.ids[rank] as number);
    // By primary key (OFFSET 0): PostgreSQL would otherwise take the GIN index for the words and read
    // every title holding them.
    const rows = unknown.length
      ? await client.$queryRaw<{ id: number }[]>`
          SELECT id FROM (SELECT id, title_vector FROM papers WHERE id = ANY(${unknown}::int[]) OFFSET 0) AS checked
          WHERE title_vector @@ ${query}::tsquery`
      : [];
    const holding = new Set(rows.map((row) => row.id));
    ranks.forEach((rank, i) => {
      if (told[i] ?? holding.has(held.ids[rank] as number)) found.push(ranked(held, rank));
    });
  }
  return withAdded(client, held, query, limit, found.slice(0, limit));
}
