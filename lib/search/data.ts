import "server-only";
import { dayFromDate } from "@/lib/dates";
import { boundedDb, db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { cacheTags, tags } from "@/lib/page-cache/collector";
import { detailFromRow, PAPER_COLUMNS, type PaperDetail, type PaperRow, plannedRows } from "@/lib/papers/data";
import { reciprocalRankFusion } from "./fusion";
import { FIELD_WEIGHTS, type HeldRanks, heldTermRanks } from "./held-ranks";
import { nearestLists, probesFor } from "./ivf";
import { dequantize, embedPaper, embedQuery, knownShare, normalize } from "./model";
import {
  allOf,
  anyOf,
  HIGHLIGHT_END,
  HIGHLIGHT_START,
  type QueryLexeme,
  type QueryTerms,
  type QueryWord,
  queryTerms,
  quoteLexeme,
  type SearchQuery,
} from "./query";
import { listScorer } from "./scan";
import { sentenceSnippet } from "./snippet";
import { indexReadsAll, TITLE_WALK_ROWS, walkIsEnough } from "./title-walk";
import { heldRanks, indexedPhraseMatches, indexedTitleMatches } from "./titles/data";
import {
  type ActiveIndex,
  getActiveIndex,
  packedEntryBytes,
  readLists,
  readPaperForSimilar,
  readVectorsOf,
} from "./vectors/data";

/**
 * Search: two ranked lists fused by Reciprocal Rank Fusion (lib/search/fusion.ts).
 *
 * - Lexical: papers that have the query's words, ranked by how many of them they have and how rare
 *   and how prominent those are (a BM25-like sum over the query's lexemes of IDF × PostgreSQL's
 *   ts_rank of that lexeme, title above authors above abstract), a bonus for a title holding every
 *   word (a paper looked for by its title), and a little popularity. Candidates are found by the GIN
 *   indexes, bounded at any catalogue size (see findCandidates).
 * - Semantic: the papers whose vectors (lib/search/model.ts) are nearest the query's, read from a few
 *   lists of the IVF index (lib/search/ivf.ts) and scored exactly.
 *
 * Quoted phrases must appear in every result, and a category restricts both lists.
 */

const HEADLINE_TITLE = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, HighlightAll=true`;
// The whole abstract marked: the snippet is cut from it at a sentence (lib/search/snippet.ts).
const HEADLINE_ABSTRACT = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, HighlightAll=true`;

/** Results a search answers with, at most (5 pages of 20): past these, neither list has much to say. */
export const MAX_RESULTS = 100;
/** Papers each list contributes to the fusion. */
const LIST_DEPTH = 100;
/** Popularity's share of a lexical score: ln(1 + upvotes) times this. */
const POPULARITY = 0.12;
/** A title that holds every word of the query adds this share of the query's IDF (known items). */
const TITLE_BONUS = 0.5;
/**
 * When the papers holding any of the query's words are expected to be at most this many, all of them
 * are candidates (scoring one costs ~10 µs); otherwise the candidates are the papers holding every word
 * (title first, ALL_WORDS_CANDIDATES of each kind at most) and those holding its rare words.
 */
const ANY_WORD_BUDGET = 2_500;
const ALL_WORDS_CANDIDATES = 200;
/** A word in at most this many papers is rare: every paper holding it is a candidate. */
const RARE_WORD_PAPERS = 1_000;
/** Candidates scored at most (a pathological mix of words). */
const MAX_CANDIDATES = 3_000;
/** Semantic results checked against a category or a phrase, to keep LIST_DEPTH of them. */
const FILTERED_DEPTH = 500;
/**
 * The lexical list's weight in the fusion: when some of its papers hold every word of the query in
 * their titles, the words belong together and the list is trusted more; when none does, the query
 * likely says in other words what papers say (a question, a paraphrase), and the semantic list leads.
 */
const LEXICAL_WEIGHT_TOGETHER = 1.3;
const LEXICAL_WEIGHT_APART = 0.7;
/** Relevance feedback: papers of the fused list the query moves toward, and how far. */
const FEEDBACK_PAPERS = 3;
const FEEDBACK_WEIGHT = 0.5;

export interface SearchHit extends PaperDetail {
  /** Title and abstract excerpt with matches between HIGHLIGHT_START and HIGHLIGHT_END. */
  highlightedTitle: string;
  highlightedAbstract: string;
}

export interface SearchPage {
  /** Results (at most MAX_RESULTS). */
  total: number;
  /** More papers matched than MAX_RESULTS. */
  capped: boolean;
  /** Part of the search was cut off (BOUNDED_STATEMENT_TIMEOUT_MS): the hits are what was found in time. */
  partial: boolean;
  /** The query holds only common words ("how to"): there is nothing to search for. */
  onlyCommonWords: boolean;
  hits: SearchHit[];
}

export type SearchMode = "hybrid" | "lexical" | "semantic";

export interface SearchOptions {
  limit: number;
  offset?: number;
  category?: string | null;
  /** Both lists fused (the default), or one of them (the relevance bench compares them). */
  mode?: SearchMode;
}

const QUERY_CANCELED = "57014";

/**
 * Runs one search statement on the bounded client (BOUNDED_STATEMENT_TIMEOUT_MS); null when it was
 * cut off (a phrase of common words that never occur in that order makes PostgreSQL re-read every
 * paper holding the words). The search then answers with what it found and says it is partial.
 */
async function bounded<T>(run: (client: typeof boundedDb) => Promise<T>): Promise<T | null> {
  try {
    return await run(boundedDb);
  } catch (error) {
    const code = (error as { meta?: { code?: string }; code?: string }).meta?.code ?? (error as { code?: string }).code;
    if (code === QUERY_CANCELED || /statement timeout|canceling statement/i.test(String((error as Error).message))) return null;
    throw error;
  }
}

export interface AnalyzedQuery extends QueryTerms {
  /** Every quoted phrase, as one tsquery (null without phrases). */
  phrase: string | null;
}

/** The query's lexemes and phrases, read by PostgreSQL's `english` configuration. */
export async function analyzeQuery(query: SearchQuery): Promise<AnalyzedQuery> {
  const [row] = await db.$queryRaw<{ lexemes: QueryLexeme[]; phrases: string[] }[]>`
    SELECT coalesce((SELECT json_agg(json_build_object('lexeme', u.lexeme, 'positions', u.positions))
                     FROM unnest(to_tsvector('english', ${query.text.replaceAll('"', " ")})) u), '[]'::json) AS lexemes,
           array(SELECT q::text FROM unnest(${query.phrases}::text[]) AS p, phraseto_tsquery('english', p) AS q
                 WHERE q::text <> '') AS phrases`;
  const phrases = row?.phrases ?? [];
  return { ...queryTerms(row?.lexemes ?? []), phrase: phrases.length ? phrases.map((p) => `( ${p} )`).join(" & ") : null };
}

/**
 * How common the lexemes of search documents are, from PostgreSQL's own statistics: ANALYZE (autovacuum
 * runs it) keeps the most common lexemes of papers.search_vector with the share of papers each is in; a
 * lexeme not listed is rarer than all of them. Read once an hour per process.
 */
const STATS_TTL_MS = 60 * 60_000;
type LexemeStatistics = { at: number; papers: number; shares: Map<string, number>; rarest: number };
let statistics: LexemeStatistics | null = null;
/** The read in flight: the lexical and semantic lists ask at the same moment, and read once. */
let readingStatistics: Promise<LexemeStatistics> | null = null;

function lexemeStatistics(): Promise<LexemeStatistics> {
  if (statistics && Date.now() - statistics.at < STATS_TTL_MS) return Promise.resolve(statistics);
  readingStatistics ??= readLexemeStatistics().finally(() => {
    readingStatistics = null;
  });
  return readingStatistics;
}

async function readLexemeStatistics(): Promise<LexemeStatistics> {
  const [row] = await db.$queryRaw<{ papers: number; elems: string[] | null; freqs: number[] | null }[]>`
    SELECT (SELECT reltuples::float8 FROM pg_class WHERE oid = 'papers'::regclass) AS papers,
           s.most_common_elems::text::text[] AS elems, s.most_common_elem_freqs AS freqs
    FROM (SELECT 1) AS one
    LEFT JOIN pg_stats s ON s.schemaname = current_schema() AND s.tablename = 'papers' AND s.attname = 'search_vector'`;
  const elems = row?.elems ?? [];
  const freqs = row?.freqs ?? [];
  // After the per-lexeme shares come their minimum, maximum, and the share of empty documents.
  const rarest = elems.length ? (freqs[elems.length] ?? 0) : 0;
  // reltuples is -1 until the table is first analyzed (a fresh install, minutes after the seed): the
  // planner's estimate from the table's size stands in.
  const papers = (row?.papers ?? -1) >= 0 ? (row?.papers ?? 0) : await plannedRows(Prisma.sql`SELECT 1 FROM papers`);
  statistics = {
    at: Date.now(),
    papers: Math.max(papers, 1),
    shares: new Map(elems.map((elem, i) => [elem, freqs[i] ?? 0])),
    rarest,
  };
  return statistics;
}

/** Forgets the statistics read (tests that change the catalogue and run ANALYZE). */
export function forgetLexemeStatistics() {
  statistics = null;
}

/** Papers expected to hold a lexeme (a lexeme not among the most common: half the rarest listed). */
function documentFrequency(stats: Awaited<ReturnType<typeof lexemeStatistics>>, lexeme: string): number {
  const share = stats.shares.get(lexeme) ?? (stats.rarest > 0 ? stats.rarest / 2 : 10 / stats.papers);
  return Math.min(stats.papers, Math.max(1, share * stats.papers));
}

/** BM25's IDF (Robertson-Spärck Jones, smoothed so that it never goes below zero). */
const idf = (papers: number, df: number) => Math.log(1 + (papers - df + 0.5) / (df + 0.5));

type Ids = { id: number }[];

/** What every result must meet: a category (null for any) and the query's quoted phrases (a tsquery, or null). */
interface Filters {
  category: string | null;
  phrase: string | null;
}

const inCategory = (category: string | null) =>
  category ? Prisma.sql`AND p.categories @> ARRAY[${category}]::text[]` : Prisma.empty;
/** A tsquery that also requires the phrases (checked on the same document, in one pass). */
const withPhrase = (query: string, phrase: string | null) => (phrase ? `( ${query} ) & ( ${phrase} )` : query);

/**
 * Papers whose title holds every word (and the phrases), most upvoted first, ALL_WORDS_CANDIDATES at
 * most. The most upvoted papers are walked first (papers_upvotes_idx holds each title's document), and
 * how many of them match says how many titles match in all: PostgreSQL's own estimate is far off for
 * words that go together (it expected 12 titles to hold "large language model", against 54,779), so it
 * is not asked. When the walk covered every paper, or found enough, or says there are too many to read,
 * its matches are the answer (the rare words and the semantic list bring the other candidates); else
 * the few matches are taken from the GIN index (see indexReadsAll for a phrase whose words are common
 * apart). A category needs every row, so that takes the GIN index. Above TITLE_WALK_ROWS papers, words
 * and phrases (no category or prefix) are looked up in the titles' words and positions this process
 * holds (lib/search/titles/data.ts), which gives the walk's and the GIN index's answers without their
 * reads (and, where the walk would take the first matches in the table's order, the most upvoted).
 */
async function titleMatches(
  analyzed: QueryWord[],
  prefix: boolean,
  phrase: string | null,
  papers: number,
  category: string | null,
): Promise<Ids | null> {
  const words = allOf(analyzed, prefix);
  const query = withPhrase(words, phrase);
  if (!category && !prefix && papers > TITLE_WALK_ROWS) {
    // The titles' words this process holds (lib/search/titles/data.ts), read as the walk and the GIN
    // index below would be: the same papers, without reading a row for each title that matches (a
    // phrase is checked on the words' positions it holds).
    const indexed = await bounded((client) =>
      phrase
        ? indexedPhraseMatches(client, analyzed, phrase, query, ALL_WORDS_CANDIDATES)
        : indexedTitleMatches(client, analyzed, words, ALL_WORDS_CANDIDATES),
    );
    if (indexed) {
      const walked = indexed.filter((title) => title.walked);
      const chosen = walkIsEnough(walked.length, ALL_WORDS_CANDIDATES, papers) ? walked : indexed;
      return chosen.map(({ id }) => ({ id }));
    }
  }
  let walk: { ids: number[]; read: number } | null = null;
  if (!category) {
    // The titles holding every word are counted too: with a phrase, they are the rows the index reads.
    const [walked] =
      (await bounded(
        (client) => client.$queryRaw<{ ids: number[] | null; read: number }[]>`
          SELECT (array_agg(id ORDER BY upvotes DESC, id DESC) FILTER (WHERE title_vector @@ ${query}::tsquery))[1:${ALL_WORDS_CANDIDATES}] AS ids,
                 count(*)::int AS read
          FROM (
            SELECT id, upvotes, title_vector FROM papers ORDER BY upvotes DESC, id DESC LIMIT ${TITLE_WALK_ROWS}
          ) AS walked
          WHERE title_vector @@ ${words}::tsquery`,
      )) ?? [];
    if (walked) {
      walk = { ids: walked.ids ?? [], read: walked.read };
      if (walkIsEnough(walk.ids.length, ALL_WORDS_CANDIDATES, papers)) return walk.ids.map((id) => ({ id }));
    }
  }
  if (walk && !indexReadsAll({ found: walk.ids.length, read: walk.read }, papers)) {
    const first = await bounded(
      (client) =>
        client.$queryRaw<Ids>`SELECT id FROM papers p WHERE title_vector @@ ${query}::tsquery LIMIT ${ALL_WORDS_CANDIDATES}`,
    );
    if (first === null) return null;
    return [...new Set([...walk.ids, ...first.map((row) => row.id)])].slice(0, ALL_WORDS_CANDIDATES).map((id) => ({ id }));
  }
  return bounded(
    (client) => client.$queryRaw<Ids>`
      SELECT id FROM papers p WHERE title_vector @@ ${query}::tsquery ${inCategory(category)}
      ORDER BY upvotes DESC, id DESC LIMIT ${ALL_WORDS_CANDIDATES}`,
  );
}

/** Every paper holding any of these words and the phrases (few are expected), up to MAX_CANDIDATES. */
function anyMatches(query: string, filters: Filters): Promise<Ids | null> {
  return bounded(
    (client) => client.$queryRaw<Ids>`
      SELECT id FROM papers p WHERE search_vector @@ ${withPhrase(query, filters.phrase)}::tsquery ${inCategory(filters.category)}
      LIMIT ${MAX_CANDIDATES}`,
  );
}

interface LexicalResult {
  /** The list (LIST_DEPTH papers at most), best first. */
  ids: number[];
  /** Every candidate that holds a word of the query and meets the filters. */
  passing: Set<number>;
  partial: boolean;
  /** Papers of the list whose title holds every word of the query. */
  titleMatches: number;
}

/**
 * The lexical list. Candidates, bounded at any catalogue size: every paper holding any word when few
 * are expected to (ANY_WORD_BUDGET); otherwise the papers whose titles hold every word, those holding
 * one of the query's rare words (RARE_WORD_PAPERS), and the semantic list's (papers about the query,
 * scored here by the words they hold): papers holding every word somewhere in a long abstract are too
 * many to read. Then the candidates are scored (scoreCandidates).
 */
async function lexicalList(
  analyzed: AnalyzedQuery,
  filters: Filters,
  prefix: boolean,
  semanticIds: Promise<readonly number[]> | readonly number[],
): Promise<LexicalResult> {
  const stats = await lexemeStatistics();
  const { papers } = stats;
  const frequency = new Map(
    analyzed.terms.map((term) => [term, prefix ? stats.rarest * papers : documentFrequency(stats, term)]),
  );
  const expectedAny = Math.min(
    papers,
    [...frequency.values()].reduce((sum, df) => sum + df, 0),
  );
  const few = expectedAny <= ANY_WORD_BUDGET;
  const found: (Ids | null)[] = few
    ? [await anyMatches(anyOf(analyzed.terms, prefix), filters)]
    : await Promise.all([
        titleMatches(analyzed.words, prefix, filters.phrase, papers, filters.category),
        (async () => {
          const rare = analyzed.terms.filter((term) => (frequency.get(term) ?? 0) <= RARE_WORD_PAPERS);
          return rare.length ? anyMatches(anyOf(rare, prefix), filters) : [];
        })(),
      ]);
  // Papers holding every word in their titles fill the list (LIST_DEPTH of them, the most upvoted, each
  // with the title's bonus): the semantic list's papers, most of which hold the words in their abstracts
  // at best, are not read for it (a cold search document each). They are still in the fusion, from
  // their own list; the relevance bench's results are the same without them here.
  const titlesFill = !few && !filters.phrase && (found[0]?.length ?? 0) >= LIST_DEPTH;
  const candidates = [
    ...new Set([...found.flatMap((rows) => (rows ?? []).map((row) => row.id)), ...(few || titlesFill ? [] : await semanticIds)]),
  ].slice(0, MAX_CANDIDATES);
  const partial = found.some((rows) => rows === null);
  if (candidates.length === 0) return { ids: [], passing: new Set(), partial, titleMatches: 0 };
  const weights = analyzed.terms.map((term) => idf(papers, frequency.get(term) ?? 1));
  // Every list found applied the filters (the semantic list's papers are checked by scoring).
  const checked = new Set(found.flatMap((rows) => (rows ?? []).map((row) => row.id)));
  const scored = await scoreCandidates(analyzed, weights, candidates, filters, prefix, heldRanks(), checked);
  const ranked = scored ?? [];
  return {
    ids: ranked.slice(0, LIST_DEPTH).map((row) => row.id),
    passing: new Set(ranked.map((row) => row.id)),
    partial: partial || scored === null,
    titleMatches: ranked.slice(0, LIST_DEPTH).filter((row) => row.titleAll).length,
  };
}

/** A candidate of the lexical list, scored. */
export interface ScoredCandidate {
  id: number;
  /** Its title holds every word of the query. */
  titleAll: boolean;
  score: number;
  upvotes: number;
}

/**
 * The lexical score (see the top of this file): over the query's terms, IDF × ts_rank in the whole
 * document, added in the query's order as PostgreSQL added them when it ordered the candidates (the
 * same float8 sum, so the same order), then the title's bonus and popularity.
 */
function lexicalScore(
  ranks: readonly number[],
  weights: readonly number[],
  titleBonus: number,
  titleAll: boolean,
  upvotes: number,
) {
  let text = 0;
  ranks.forEach((rank, i) => {
    text += (weights[i] ?? 0) * rank;
  });
  return text + (titleAll ? titleBonus : 0) + POPULARITY * Math.log(1 + upvotes);
}

/**
 * The candidates that hold a word of the query (and meet the filters), best first; null when the
 * statement was cut off. A candidate whose title holds every term, among the papers this process
 * holds the ranks of (lib/search/held-ranks.ts, `held`: every paper when it was read), is scored from
 * them when it needs no check (no phrase or category, or it is in `checked`: found by a statement or
 * the title index, which applied them); the others in one statement, each search document read once
 * (it is TOASTed: every function reading the column would fetch and decompress it again). Exported for
 * the test that both score alike.
 */
export async function scoreCandidates(
  analyzed: QueryTerms,
  weights: readonly number[],
  candidates: readonly number[],
  filters: Filters,
  prefix: boolean,
  held: HeldRanks | null,
  checked: ReadonlySet<number> = new Set(),
): Promise<ScoredCandidate[] | null> {
  const titleBonus = TITLE_BONUS * weights.reduce((sum, weight) => sum + weight, 0);
  const scored: ScoredCandidate[] = [];
  // A prefix matches lexemes a title may hold under other words.
  const fromHeld = held && !prefix ? held : null;
  const unfiltered = !filters.phrase && !filters.category;
  const rest: number[] = [];
  for (const id of candidates) {
    const known = fromHeld && (unfiltered || checked.has(id)) ? heldTermRanks(fromHeld, id, analyzed.terms) : null;
    if (!known) {
      rest.push(id);
      continue;
    }
    // Its title holds every term, hence every word.
    scored.push({
      id,
      titleAll: true,
      upvotes: known.upvotes,
      score: lexicalScore(known.ranks, weights, titleBonus, true, known.upvotes),
    });
  }
  if (rest.length > 0) {
    const ranks = Prisma.join(
      analyzed.terms.map(
        (term) => Prisma.sql`ts_rank(${FIELD_WEIGHTS}::float4[], d.doc, ${quoteLexeme(term, prefix)}::tsquery)::float8`,
      ),
    );
    // `|| ''::tsvector` makes one plain copy of the document (OFFSET 0 keeps the subquery from being
    // merged into the outer query, where each use would fetch it again).
    const rows = await bounded(
      (client) => client.$queryRaw<{ id: number; upvotes: number; title_all: boolean; ranks: number[] }[]>`
        SELECT d.id, d.upvotes, d.title_vector @@ ${allOf(analyzed.words, prefix)}::tsquery AS title_all, ARRAY[${ranks}] AS ranks
        FROM (
          SELECT p.id, p.upvotes, p.title_vector, p.search_vector || ''::tsvector AS doc FROM papers p
          WHERE p.id = ANY(${rest}::int[]) ${inCategory(filters.category)}
          OFFSET 0
        ) AS d
        WHERE d.doc @@ ${withPhrase(anyOf(analyzed.terms, prefix), filters.phrase)}::tsquery`,
    );
    if (rows === null) return null;
    for (const row of rows) {
      const score = lexicalScore(row.ranks, weights, titleBonus, row.title_all, row.upvotes);
      scored.push({ id: row.id, titleAll: row.title_all, upvotes: row.upvotes, score });
    }
  }
  return scored.sort((a, b) => b.score - a.score || b.upvotes - a.upvotes || b.id - a.id);
}

/**
 * The papers whose vectors are nearest `query` (unit length), best first: the IVF lists nearest it are
 * read whole (probesFor), every vector in them scored (lib/search/scan.ts). `exclude` is left out (a
 * paper is not similar to itself).
 */
export async function nearestPapers(
  index: ActiveIndex,
  query: Float32Array,
  limit: number,
  options: { exclude?: number; probes?: number } = {},
): Promise<{ id: number; score: number }[]> {
  if (!index.centroids) return [];
  const dims = index.model.dims;
  const lists = nearestLists(index.centroids, dims, query, options.probes ?? probesFor(index.lists, index.indexedPapers));
  const packedLists = await readLists(index, lists);
  const entry = packedEntryBytes(dims);
  const scorer = listScorer(query);
  const best: { id: number; score: number }[] = [];
  let floor = Number.NEGATIVE_INFINITY;
  for (const packed of packedLists) {
    const scores = scorer.score(packed);
    const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
    for (let i = 0; i < scores.length; i++) {
      const score = scores[i] as number;
      if (best.length >= limit && score <= floor) continue;
      const id = view.getInt32(i * entry, false);
      if (id === options.exclude) continue;
      best.push({ id, score });
      if (best.length > limit * 2) {
        best.sort((a, b) => b.score - a.score || a.id - b.id);
        best.length = limit;
        floor = best[limit - 1]?.score ?? floor;
      }
    }
  }
  best.sort((a, b) => b.score - a.score || a.id - b.id);
  return best.slice(0, limit);
}

interface SemanticList {
  ids: number[];
  /** Its weight in the fusion: the share of the query the model knows. */
  weight: number;
  /** The query's vector (null when the model knows none of its words, or there is no index yet). */
  query: { index: ActiveIndex; vector: Float32Array } | null;
}

/**
 * The nearest papers to a vector, in a category when there is one (checking the category reads a row
 * each: FILTERED_DEPTH of them). Quoted phrases are checked by the lexical list, which scores these
 * papers too (see searchPapers).
 */
async function nearestIds(index: ActiveIndex, vector: Float32Array, category: string | null): Promise<number[]> {
  const nearest = await nearestPapers(index, vector, category ? FILTERED_DEPTH : LIST_DEPTH);
  let ids = nearest.map((hit) => hit.id);
  if (category && ids.length) {
    const kept = await db.$queryRaw<Ids>`
      SELECT id FROM papers WHERE id = ANY(${ids}::int[]) AND categories @> ARRAY[${category}]::text[]`;
    const keep = new Set(kept.map((row) => row.id));
    ids = ids.filter((id) => keep.has(id));
  }
  return ids.slice(0, LIST_DEPTH);
}

async function semanticList(analyzed: AnalyzedQuery, category: string | null): Promise<SemanticList> {
  const index = await getActiveIndex();
  if (!index?.centroids || analyzed.terms.length === 0) return { ids: [], weight: 0, query: null };
  const vector = embedQuery(index.model, analyzed.terms);
  if (!vector) return { ids: [], weight: 0, query: null };
  const stats = await lexemeStatistics();
  return {
    ids: await nearestIds(index, vector, category),
    weight: knownShare(index.model, analyzed.terms, Math.log(stats.papers)),
    query: { index, vector },
  };
}

/**
 * Relevance feedback (Rocchio, 1971): the query's vector moved toward the mean of the vectors of the
 * first papers of the fused list, by FEEDBACK_WEIGHT, and searched again. The fused list's head is
 * what both lists agree on; its vectors say in the papers' own words what the reader asked.
 */
async function feedbackList(
  query: NonNullable<SemanticList["query"]>,
  top: number[],
  category: string | null,
): Promise<number[] | null> {
  const stored = await readVectorsOf(query.index, top);
  if (stored.length === 0) return null;
  const dims = query.index.model.dims;
  const moved = Float32Array.from(query.vector);
  for (const bytes of stored) {
    const vector = dequantize(bytes, 0, dims);
    for (let d = 0; d < dims; d++) moved[d] = (moved[d] ?? 0) + ((vector[d] ?? 0) * FEEDBACK_WEIGHT) / stored.length;
  }
  return normalize(moved) ? nearestIds(query.index, moved, category) : null;
}

const emptyPage = (onlyCommonWords: boolean): SearchPage => ({
  total: 0,
  capped: false,
  partial: false,
  onlyCommonWords,
  hits: [],
});

/**
 * Search (see the top of this file): one page of the fused results, with highlights. Tagged so that a
 * shared copy of a result page is retired when any paper, or any vector, changes.
 */
export async function searchPapers(query: SearchQuery, options: SearchOptions): Promise<SearchPage> {
  cacheTags(tags.search);
  const mode = options.mode ?? "hybrid";
  const analyzed = await analyzeQuery(query);
  if (analyzed.terms.length === 0) return emptyPage(true);
  const category = options.category ?? null;
  const filters: Filters = { category, phrase: analyzed.phrase };
  // The lexical list reads its candidates from PostgreSQL while the semantic list is worked out here.
  const searching: Promise<SemanticList> =
    mode === "lexical" ? Promise.resolve({ ids: [], weight: 0, query: null }) : semanticList(analyzed, category);
  const [found, lexicalFirst] = await Promise.all([
    searching,
    mode === "semantic"
      ? ({ ids: [], passing: new Set(), partial: false, titleMatches: 0 } satisfies LexicalResult)
      : lexicalList(
          analyzed,
          filters,
          false,
          searching.then((list) => list.ids),
        ),
  ]);
  // Nothing holds the words as typed, and the model knows none of them: perhaps they are the start of a
  // longer word ("boltz", "kolt"), as a reader typing a name often does.
  const lexical =
    lexicalFirst.ids.length === 0 && found.ids.length === 0 && mode !== "semantic"
      ? await lexicalList(analyzed, filters, true, [])
      : lexicalFirst;
  // Quoted phrases: the semantic list keeps the papers the lexical list found to hold them (it scored
  // every one of the semantic list's papers). The semantic list alone (the relevance bench's) ignores them.
  const phrased = analyzed.phrase !== null && mode === "hybrid";
  const semantic = phrased ? { ...found, ids: found.ids.filter((id) => lexical.passing.has(id)) } : found;
  const lexicalWeight = lexical.titleMatches > 0 ? LEXICAL_WEIGHT_TOGETHER : LEXICAL_WEIGHT_APART;
  let fused = reciprocalRankFusion([
    { ids: lexical.ids, weight: lexicalWeight },
    { ids: semantic.ids, weight: semantic.weight },
  ]);
  if (mode === "hybrid" && semantic.query && !phrased) {
    // Relevance feedback: the semantic list again, for the query moved toward what both lists agree on.
    const again = await feedbackList(semantic.query, fused.slice(0, FEEDBACK_PAPERS), category);
    if (again) {
      fused = reciprocalRankFusion([
        { ids: lexical.ids, weight: lexicalWeight },
        { ids: again, weight: semantic.weight },
      ]);
    }
  }
  // More papers hold the words than the list took, or the lists together hold more than a search shows.
  const capped = fused.length > MAX_RESULTS || lexical.passing.size > LIST_DEPTH;
  fused = fused.slice(0, MAX_RESULTS);
  const offset = options.offset ?? 0;
  const pageIds = fused.slice(offset, offset + options.limit);
  return {
    total: fused.length,
    capped,
    partial: lexical.partial,
    onlyCommonWords: false,
    hits: await readHits(anyOf(analyzed.terms), pageIds),
  };
}

/** The page's papers, in order, with their highlights. */
async function readHits(highlight: string, pageIds: number[]): Promise<SearchHit[]> {
  if (pageIds.length === 0) return [];
  const rows = await db.$queryRaw<(PaperRow & { id: number; highlighted_title: string; highlighted_abstract: string })[]>`
    WITH q AS (SELECT ${highlight}::tsquery AS query)
    SELECT p.id, ${PAPER_COLUMNS},
           ts_headline('english', p.title, q.query, ${HEADLINE_TITLE}) AS highlighted_title,
           ts_headline('english', p.abstract, q.query, ${HEADLINE_ABSTRACT}) AS highlighted_abstract
    FROM papers p, q
    WHERE p.id = ANY(${pageIds}::int[])`;
  const byId = new Map(rows.map((row) => [row.id, row]));
  const hits = pageIds.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    return [
      {
        ...detailFromRow(row),
        highlightedTitle: row.highlighted_title,
        highlightedAbstract: sentenceSnippet(row.highlighted_abstract),
      },
    ];
  });
  cacheTags(...hits.map((hit) => tags.paper(hit.arxivId)));
  return hits;
}

/**
 * Papers like this one: the nearest vectors to its own (computed from its words if it has none yet),
 * read from the IVF index like a search. Excludes the paper itself.
 */
export async function getSimilarPapers(arxivId: string, limit = 5) {
  const index = await getActiveIndex();
  if (!index?.centroids) return [];
  const paper = await readPaperForSimilar(arxivId, index.id);
  if (!paper) return [];
  const vector = paper.vector ? dequantize(paper.vector, 0, index.model.dims) : embedPaper(index.model, paper.text);
  if (!vector) return [];
  const nearest = await nearestPapers(index, vector, limit, { exclude: paper.id });
  if (nearest.length === 0) return [];
  const rows = await db.$queryRaw<
    { id: number; arxiv_id: string; title: string; author_count: number; upvotes: number; feed_day: Date }[]
  >`
    SELECT p.id, p.arxiv_id, p.title, cardinality(p.authors) AS author_count, p.upvotes, p.feed_day
    FROM papers p WHERE p.id = ANY(${nearest.map((hit) => hit.id)}::int[])`;
  const byId = new Map(rows.map((row) => [row.id, row]));
  const similar = nearest.flatMap((hit) => {
    const row = byId.get(hit.id);
    return row
      ? [
          {
            arxivId: row.arxiv_id,
            title: row.title,
            authorCount: row.author_count,
            upvotes: row.upvotes,
            feedDay: dayFromDate(row.feed_day),
          },
        ]
      : [];
  });
  cacheTags(...similar.map((row) => tags.paper(row.arxivId)));
  return similar;
}
