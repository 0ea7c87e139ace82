import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { heardMark } from "../heard";
import { type PaperText, parseModel, type SearchModel, vectorBytes } from "../model";
import { warmTitleIndex } from "../titles/data";

/** The model search uses, with its IVF centroids (null until the first vectors were indexed). */
export interface ActiveIndex {
  id: number;
  model: SearchModel;
  lists: number;
  centroids: Float32Array | null;
  indexedPapers: number;
}

/** A process re-reads which model is active (and whether its index changed) at most this often. */
const ACTIVE_CHECK_MS = 30_000;

/**
 * This process's model and lists, kept on globalThis: Next.js bundles this module into its server
 * chunks, and the web server (scripts/server.ts) loads it from source; both copies share one state, so
 * the server can load the model before the first search needs it (warmSearch).
 */
interface SearchState {
  active: { at: number; index: ActiveIndex | null; key: string } | null;
  loading: Promise<ActiveIndex | null> | null;
  lists: Map<string, CachedList>;
  listBytes: number;
  /** By paper id, the IVF list its vector was in when that list was last read (-1: none seen). */
  listOf: Int32Array;
  /** warmSearch calls reading the model and lists (readiness says "loading" while any is). */
  warming: number;
}
const shared = globalThis as unknown as { __searchState?: SearchState };
shared.__searchState ??= { active: null, loading: null, lists: new Map(), listBytes: 0, listOf: new Int32Array(0), warming: 0 };
const state: SearchState = shared.__searchState;

function centroidsFrom(bytes: Uint8Array | null, lists: number, dims: number): Float32Array | null {
  if (!bytes || lists === 0) return null;
  const copy = new Uint8Array(bytes);
  return new Float32Array(copy.buffer, 0, lists * dims);
}

async function loadActive(): Promise<ActiveIndex | null> {
  // xmin changes with every write to the row (new centroids), and differs for a new row with a reused id.
  const [head] = await db.$queryRaw<{ id: number; lists: number; indexed_papers: number; row_version: string }[]>`
    SELECT id, lists, indexed_papers, xmin::text AS row_version FROM search_models WHERE active`;
  const key = head ? `${head.id}:${head.row_version}` : "none";
  if (state.active && state.active.key === key) {
    state.active.at = Date.now();
    return state.active.index;
  }
  let index: ActiveIndex | null = null;
  if (head) {
    const [row] = await db.$queryRaw<{ model: Uint8Array; centroids: Uint8Array | null; dims: number }[]>`
      SELECT model, centroids, dims FROM search_models WHERE id = ${head.id}`;
    if (row) {
      const model = parseModel(row.model);
      index = {
        id: head.id,
        model,
        lists: head.lists,
        centroids: centroidsFrom(row.centroids, head.lists, row.dims),
        indexedPapers: head.indexed_papers,
      };
    }
  }
  if (state.active?.key !== key) forgetLists();
  state.active = { at: Date.now(), index, key };
  return index;
}

/** The active model and index, cached per process (ACTIVE_CHECK_MS), or null when there is none yet. */
export async function getActiveIndex(options: { fresh?: boolean } = {}): Promise<ActiveIndex | null> {
  if (!options.fresh && state.active && Date.now() - state.active.at < ACTIVE_CHECK_MS) return state.active.index;
  state.loading ??= loadActive().finally(() => {
    state.loading = null;
  });
  return state.loading;
}

/** Lists read per statement while warming (~64K vectors, ~9 MB at a million papers). */
const WARM_BATCH = 64;

/**
 * Loads the model and, when they fit the list cache with a quarter to spare, every IVF list, before the
 * first search needs them: a web process starting (the model takes ~0.5 s to read and parse, the lists
 * of a million papers ~136 MB, a few seconds in the background); then the titles' words (above
 * TITLE_WALK_ROWS papers). A search arriving meanwhile reads what it needs itself. Never throws:
 * without a database or a model, the first search finds out.
 */
export async function warmSearch(): Promise<void> {
  state.warming += 1;
  try {
    await warmLists();
    // Then the titles' words, above TITLE_WALK_ROWS papers (lib/search/titles/data.ts; it never throws).
    await warmTitleIndex();
  } finally {
    state.warming -= 1;
  }
}

async function warmLists(): Promise<void> {
  try {
    const index = await getActiveIndex();
    if (!index || index.lists === 0) return;
    if (index.indexedPapers * packedEntryBytes(index.model.dims) > LIST_CACHE_BYTES * 0.75) return;
    for (let first = 0; first < index.lists; first += WARM_BATCH) {
      const batch = Array.from({ length: Math.min(WARM_BATCH, index.lists - first) }, (_, i) => first + i);
      await readLists(index, batch);
    }
  } catch {
    // The first search reads what it needs, and reports what is wrong.
  }
}

/**
 * Whether this process is still reading its search index (warmSearch: a few seconds after it starts at
 * a million papers, while searches read what they need themselves, slower). Readiness says so.
 */
export const searchWarmth = (): "loading" | "ready" => (state.warming > 0 ? "loading" : "ready");

/**
 * A paper's words as the model reads them, from the search document PostgreSQL keeps
 * (papers.search_vector): the title's lexemes (weight A) and the abstract's (weight C), in order.
 */
const PAPER_TEXT = Prisma.sql`
  SELECT p.id, md5(p.title || E'\\n' || p.abstract) AS hash, t.title, t.abstract FROM papers p, LATERAL (
    SELECT array_agg(w.lexeme ORDER BY w.pos) FILTER (WHERE w.weight = 'A') AS title,
           array_agg(w.lexeme ORDER BY w.pos) FILTER (WHERE w.weight = 'C') AS abstract
    FROM (SELECT u.lexeme, unnest(u.positions) AS pos, unnest(u.weights) AS weight FROM unnest(p.search_vector) u) w
  ) t`;

interface TextRow {
  id: number;
  /** Of the title and abstract read: a vector is stored only if they have not changed since. */
  hash: string;
  title: string[] | null;
  abstract: string[] | null;
}

export interface PaperWords {
  id: number;
  hash: string;
  text: PaperText;
}

const toText = (row: TextRow): PaperWords => ({
  id: row.id,
  hash: row.hash,
  text: { title: row.title ?? [], abstract: row.abstract ?? [] },
});

/** Papers with no vector under this model, by id, `limit` at a time after `afterId`. */
export async function readPapersWithoutVectors(modelId: number, afterId: number, limit: number) {
  const rows = await db.$queryRaw<TextRow[]>`
    ${PAPER_TEXT}
    WHERE p.id > ${afterId}
      AND NOT EXISTS (SELECT 1 FROM paper_vectors v WHERE v.paper_id = p.id AND v.model_id = ${modelId})
    ORDER BY p.id
    LIMIT ${limit}`;
  return rows.map(toText);
}

/** Every paper's words, by id, `limit` at a time after `afterId`. */
export async function readPaperTexts(afterId: number, limit: number) {
  const rows = await db.$queryRaw<TextRow[]>`${PAPER_TEXT} WHERE p.id > ${afterId} ORDER BY p.id LIMIT ${limit}`;
  return rows.map(toText);
}

/** The words of a random sample of papers (for training a model on a large catalogue). */
export async function samplePaperTexts(count: number) {
  const [{ papers } = { papers: 0 }] = await db.$queryRaw<{ papers: number }[]>`SELECT count(*)::int AS papers FROM papers`;
  if (papers <= count) {
    const all: PaperWords[] = [];
    for (let after = 0; ; ) {
      const batch = await readPaperTexts(after, 5_000);
      if (batch.length === 0) break;
      all.push(...batch);
      after = batch.at(-1)?.id ?? after;
    }
    return all;
  }
  // Every paper has the same chance (Bernoulli sampling of rows), then the extra ones are cut.
  const share = Math.min(1, (count * 1.1) / papers);
  const rows = await db.$queryRaw<TextRow[]>`
    ${PAPER_TEXT} WHERE p.id IN (SELECT id FROM papers TABLESAMPLE BERNOULLI (${share * 100}) REPEATABLE (17)) ORDER BY p.id`;
  return rows.slice(0, count).map(toText);
}

export async function countVectors(modelId: number): Promise<{ papers: number; vectors: number }> {
  const [row] = await db.$queryRaw<{ papers: number; vectors: number }[]>`
    SELECT (SELECT count(*)::int FROM papers) AS papers,
           (SELECT count(*)::int FROM paper_vectors WHERE model_id = ${modelId}) AS vectors`;
  return row ?? { papers: 0, vectors: 0 };
}

/** Stored vectors of a random sample (for the IVF centroids), as quantised bytes. */
export async function sampleVectors(modelId: number, count: number): Promise<Uint8Array[]> {
  const rows = await db.$queryRaw<{ vector: Uint8Array }[]>`
    SELECT vector FROM paper_vectors WHERE model_id = ${modelId} ORDER BY md5(paper_id::text) LIMIT ${count}`;
  return rows.map((row) => row.vector);
}

/** Ids and vectors of a model, by paper id, `limit` at a time after `afterId` (to file them into lists again). */
export async function readVectors(modelId: number, afterId: number, limit: number) {
  return db.$queryRaw<{ paper_id: number; vector: Uint8Array }[]>`
    SELECT paper_id, vector FROM paper_vectors WHERE model_id = ${modelId} AND paper_id > ${afterId}
    ORDER BY paper_id LIMIT ${limit}`;
}

/**
 * IVF lists this process has read, packed (per paper a big-endian int32 id and its stored vector,
 * vectorBytes(dims) bytes), with the version they were read at (vector_lists, bumped by a trigger on
 * every write to a list). Least recently used first: Map keeps insertion order, and a list read is
 * moved to the end. At a million papers the whole index is ~136 MB.
 */
const LIST_CACHE_BYTES = 256 * 1024 * 1024;

const listKey = (modelId: number, list: number) => `${modelId}:${list}`;

interface CachedList {
  version: string;
  packed: Uint8Array;
  /** The mark of the lists' changes heard (lib/search/heard.ts) when `version` was last found current. */
  checked: number | null;
}

function cacheList(key: string, entry: CachedList) {
  const previous = state.lists.get(key);
  if (previous) {
    state.listBytes -= previous.packed.byteLength;
    state.lists.delete(key);
  }
  state.lists.set(key, entry);
  state.listBytes += entry.packed.byteLength;
  for (const [oldest, { packed }] of state.lists) {
    if (state.listBytes <= LIST_CACHE_BYTES) break;
    state.lists.delete(oldest);
    state.listBytes -= packed.byteLength;
  }
}

/**
 * The vectors filed under some IVF lists, packed (see state.lists), one array per list. A list this
 * process holds at its current version is not read again: a search then costs one small statement
 * (the versions) instead of handing over ~2.8 MB (24 lists at a million papers, ~40-80 ms), and no
 * statement at all while the process hears of every change (lib/search/heard.ts) and none came since
 * the lists were last found current.
 */
export async function readLists(index: ActiveIndex, lists: readonly number[]): Promise<Uint8Array[]> {
  if (lists.length === 0) return [];
  const heard = heardCurrent(index, lists);
  if (heard) return heard;
  // Taken before asking: a change announced while the versions are read leaves the lists unconfirmed.
  const mark = heardMark("lists");
  const versions = await db.$queryRaw<{ list: number; version: string }[]>`
    SELECT list, version::text AS version FROM vector_lists WHERE model_id = ${index.id} AND list = ANY(${[...lists]}::int[])`;
  const stale = versions.filter(({ list, version }) => state.lists.get(listKey(index.id, list))?.version !== version);
  if (stale.length) {
    // Read after the versions: a write in between makes the copy newer than its version, and it is
    // read again next time (never the other way round).
    // Packed by PostgreSQL, a row per list (a row per paper was a million JavaScript objects to warm).
    const entry = packedEntryBytes(index.model.dims);
    const rows = await db.$queryRaw<{ list: number; packed: Uint8Array }[]>`
      SELECT list, string_agg(int4send(paper_id) || vector, ''::bytea) AS packed FROM paper_vectors
      WHERE model_id = ${index.id} AND list = ANY(${stale.map(({ list }) => list)}::int[])
        AND octet_length(vector) = ${entry - 4}
      GROUP BY list`;
    const byList = new Map(rows.map((row) => [row.list, row.packed]));
    for (const { list, version } of stale) {
      const packed = byList.get(list) ?? new Uint8Array(0);
      cacheList(listKey(index.id, list), { version, packed, checked: mark });
      placeVectors(list, packed, entry);
    }
  }
  const known = new Set(versions.map(({ list }) => list));
  return lists.flatMap((list) => {
    const key = listKey(index.id, list);
    const cached = known.has(list) ? state.lists.get(key) : undefined;
    if (!cached) return [];
    if (mark !== null && (cached.checked ?? -1) < mark) cached.checked = mark;
    cacheList(key, cached);
    return [cached.packed];
  });
}

/** The lists, when this process holds each one and has heard of no change since it was found current. */
function heardCurrent(index: ActiveIndex, lists: readonly number[]): Uint8Array[] | null {
  const mark = heardMark("lists");
  if (mark === null) return null;
  const found: CachedList[] = [];
  for (const list of lists) {
    const cached = state.lists.get(listKey(index.id, list));
    if (cached?.checked !== mark) return null;
    found.push(cached);
  }
  return lists.map((list, i) => {
    const cached = found[i] as CachedList;
    cacheList(listKey(index.id, list), cached);
    return cached.packed;
  });
}

/** Forgets every list read (a new model, or tests that rebuild the index). */
export function forgetLists() {
  state.lists.clear();
  state.listOf = new Int32Array(0);
  state.listBytes = 0;
}

/** Paper ids above this are not placed (state.listOf is 4 bytes an id): their vectors are read from PostgreSQL. */
const MAX_PLACED_ID = 16 * 1024 * 1024;

/** Notes which list each paper of a list just read is in (state.listOf). */
function placeVectors(list: number, packed: Uint8Array, entry: number) {
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  for (let at = 0; at + entry <= packed.byteLength; at += entry) {
    const id = view.getInt32(at, false);
    if (id < 0 || id >= MAX_PLACED_ID) continue;
    if (id >= state.listOf.length) {
      const grown = new Int32Array(Math.min(MAX_PLACED_ID, Math.max(id + 1, state.listOf.length * 2, 1024))).fill(-1);
      grown.set(state.listOf);
      state.listOf = grown;
    }
    state.listOf[id] = list;
  }
}

/**
 * The vectors of these papers from the lists this process holds, when each one is in a list known to
 * be current (see heardCurrent); null otherwise (then PostgreSQL is asked).
 */
function heldVectorsOf(index: ActiveIndex, paperIds: readonly number[]): Uint8Array[] | null {
  const mark = heardMark("lists");
  if (mark === null) return null;
  const entry = packedEntryBytes(index.model.dims);
  const found: Uint8Array[] = [];
  for (const id of paperIds) {
    const list = state.listOf[id] ?? -1;
    const cached = list < 0 ? undefined : state.lists.get(listKey(index.id, list));
    if (cached?.checked !== mark) return null;
    const view = new DataView(cached.packed.buffer, cached.packed.byteOffset, cached.packed.byteLength);
    let at = 0;
    while (at + entry <= cached.packed.byteLength && view.getInt32(at, false) !== id) at += entry;
    // Not there: the paper moved to another list, or has no vector any more.
    if (at + entry > cached.packed.byteLength) return null;
    found.push(cached.packed.subarray(at + 4, at + entry));
  }
  return found;
}

/**
 * The stored vectors of some papers (those that have one): from the lists this process holds when it
 * can tell they are current (at a million papers it holds them all), from PostgreSQL otherwise.
 */
export async function readVectorsOf(index: ActiveIndex, paperIds: readonly number[]): Promise<Uint8Array[]> {
  if (paperIds.length === 0) return [];
  const held = heldVectorsOf(index, paperIds);
  if (held) return held;
  const rows = await db.$queryRaw<{ vector: Uint8Array }[]>`
    SELECT vector FROM paper_vectors WHERE model_id = ${index.id} AND paper_id = ANY(${[...paperIds]}::int[])`;
  return rows.map((row) => row.vector);
}

/** Bytes of one packed entry of readLists(). */
export const packedEntryBytes = (dims: number) => 4 + vectorBytes(dims);

/** A paper's internal id, its stored vector (if any), and its words (to embed it when it has none). */
export async function readPaperForSimilar(arxivId: string, modelId: number) {
  const [row] = await db.$queryRaw<(TextRow & { vector: Uint8Array | null })[]>`
    SELECT s.id, s.hash, s.title, s.abstract, v.vector
    FROM (${PAPER_TEXT} WHERE p.arxiv_id = ${arxivId}) s
    LEFT JOIN paper_vectors v ON v.paper_id = s.id AND v.model_id = ${modelId}`;
  return row ? { ...toText(row), vector: row.vector } : null;
}
