import "server-only";
import { dayFromDate } from "@/lib/dates";
import { boundedDb, db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { cacheTags, tags } from "@/lib/page-cache/collector";
import { detailFromRow, PAPER_COLUMNS, type PaperDetail, type PaperRow, plannedRows } from "@/lib/papers/data";
import { HIGHLIGHT_END, HIGHLIGHT_START } from "./query";

const HEADLINE_TITLE = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, HighlightAll=true`;
const HEADLINE_ABSTRACT = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, MaxWords=45, MinWords=20, MaxFragments=2, FragmentDelimiter=" … "`;

/**
 * Matches counted exactly up to this many (then "1,000+"), when there are few; when PostgreSQL
 * expects more than ESTIMATE_ABOVE, its estimate is shown ("about 920,000") instead: counting 900,000
 * matches exactly reads 900,000 rows, and nobody pages past 1,000 results anyway.
 */
export const SEARCH_COUNT_CAP = 1_000;
const ESTIMATE_ABOVE = 10_000;
/**
 * The count is taken only when the GIN index would merge at most this many (paper, word) entries to
 * answer it, ~0.4 µs each: it reads every paper holding any of the words (each prefix's words) before
 * it can hand over the first match. The number of matches alone does not tell: the planner multiplies
 * the shares of a query's words as if they were unrelated, so "chain thought" is expected in 6,900
 * papers, is in 48,000, and GIN merges 170,000 entries (100 ms) to find its first thousand.
 */
const COUNT_ENTRIES_LIMIT = 50_000;

/**
 * What reading one row costs each way of finding the abstract matches, measured at a million papers
 * (npm run bench): walking papers_upvotes_idx reads the row and unpacks its search document (~16 µs);
 * a bitmap from the GIN index reads the row only (~6.5 µs), plus ~11 µs to unpack the document of
 * every candidate of a phrase (GIN knows which words a paper has, not where).
 */
const WALK_ROW_US = 16;
const BITMAP_ROW_US = 6.5;
const PHRASE_RECHECK_US = 11;
/** Walking papers_upvotes_idx costs ~1 µs a paper when the title document is read from the index. */
const WALK_INDEX_ROW_US = 1;
/** Papers walked at most, most upvoted first, for title matches (10 ms). */
const TITLE_WALK_ROWS = 10_000;
/** How many times too low the planner's estimate of title matches may be (see findTitleMatches). */
const TITLE_UNDERESTIMATE = 20;

export interface SearchHit extends PaperDetail {
  /** Title and abstract excerpt with matches between HIGHLIGHT_START and HIGHLIGHT_END. */
  highlightedTitle: string;
  highlightedAbstract: string;
  titleMatch: boolean;
}

export interface SearchPage {
  /** Matching papers: exact up to SEARCH_COUNT_CAP, or PostgreSQL's estimate (`estimated`). */
  total: number;
  /** More than SEARCH_COUNT_CAP match (counted up to there). */
  capped: boolean;
  /** `total` is the planner's estimate of a large number of matches. */
  estimated: boolean;
  /** Part of the search was cut off (STATEMENT_TIMEOUT_MS): the hits are what was found in time. */
  partial: boolean;
  hits: SearchHit[];
}

type Ranked = { id: number }[];

/** How many papers PostgreSQL expects to match. */
const estimateMatches = (tsquery: string) =>
  plannedRows(Prisma.sql`SELECT 1 FROM papers WHERE search_vector @@ to_tsquery('english', ${tsquery})`);

/** How many papers PostgreSQL expects to match in their titles. */
const estimateTitleMatches = (tsquery: string) =>
  plannedRows(Prisma.sql`SELECT 1 FROM papers WHERE title_vector @@ to_tsquery('english', ${tsquery})`);

/**
 * The title matches, most upvoted first. PostgreSQL picks between walking papers_upvotes_idx (which
 * holds each title's document) until it has enough, and taking every match from the GIN index and
 * sorting them, by how many it expects to match; for words that go together it expects far too few
 * ("test time": 716, against 14,520) and sorts 14,520 rows read one by one (110 ms) where a walk
 * would find the first twenty in 1,400 (2 ms). So when the estimate leaves room for that error, the
 * papers most upvoted first are walked first, TITLE_WALK_ROWS at most; the planner's way
 * answers when they did not hold enough matches (then the matches are few, and a bitmap is cheap).
 */
async function findTitleMatches(tsquery: string, wanted: number, papers: Promise<number>): Promise<Ranked | null> {
  const [expected, catalogue] = await Promise.all([estimateTitleMatches(tsquery), papers]);
  const walkMayFind = (expected * TITLE_UNDERESTIMATE * Math.min(TITLE_WALK_ROWS, catalogue)) / catalogue;
  if (walkMayFind >= wanted) {
    const walked = await bounded(
      (client) => client.$queryRaw<Ranked>`
        SELECT id FROM (
          SELECT id, upvotes, title_vector FROM papers ORDER BY upvotes DESC, id DESC LIMIT ${TITLE_WALK_ROWS}
        ) AS walked
        WHERE title_vector @@ to_tsquery('english', ${tsquery})
        ORDER BY upvotes DESC, id DESC
        LIMIT ${wanted}`,
    );
    if (walked && walked.length >= wanted) return walked;
  }
  return bounded(
    (client) => client.$queryRaw<Ranked>`
      SELECT id FROM papers
      WHERE title_vector @@ to_tsquery('english', ${tsquery})
      ORDER BY upvotes DESC, id DESC
      LIMIT ${wanted}`,
  );
}

async function estimatePapers(): Promise<number> {
  const [row] = await db.$queryRaw<{ papers: number }[]>`
    SELECT GREATEST(reltuples, 1)::float8 AS papers FROM pg_class WHERE oid = 'papers'::regclass`;
  return row?.papers ?? 1;
}

/** The words of a query without phrase order: what the GIN index can check by itself. */
const withoutPhrases = (tsquery: string) => tsquery.replace(/ <-> /g, " & ");
/** Any of a query's words: papers whose entries GIN reads to answer it. */
const anyWord = (tsquery: string) => tsquery.replace(/ <-> | & /g, " | ");

const QUERY_CANCELED = "57014";

/**
 * Runs one search statement on the bounded client (BOUNDED_STATEMENT_TIMEOUT_MS); null when it was
 * cut off. Only a pathological query gets there: a phrase of common words that never occurs in that
 * order makes PostgreSQL re-read every paper holding the words. The search then answers with what it
 * found and says it is partial.
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

/** Matches counted up to SEARCH_COUNT_CAP + 1 (null if cut off by the statement timeout). */
function countMatches(tsquery: string) {
  return bounded(
    (client) => client.$queryRaw<{ total: number }[]>`
      SELECT count(*)::int AS total FROM (
        SELECT 1 FROM papers WHERE search_vector @@ to_tsquery('english', ${tsquery}) LIMIT ${SEARCH_COUNT_CAP + 1}
      ) AS matches`,
  );
}

/**
 * Full-text search: papers whose title matches first, then papers that match in their authors or
 * abstract; most upvoted first within each (then newest). Bounded at any catalogue size:
 * - the title part is answered from papers_title_vector_idx (few matches) or by walking
 *   papers_upvotes_idx in order, which holds each title document, and stopping after the page (an
 *   index-only scan); the planner chooses, from its statistics;
 * - the abstract part runs only when the title matches do not fill the page, and is found the
 *   cheaper of two ways given PostgreSQL's estimates (see WALK_ROW_US): walking the papers most
 *   upvoted first until the page is full (many matches), or taking every match from the GIN index
 *   and sorting them (few);
 * - the count is exact up to SEARCH_COUNT_CAP when matches are few and quick to find
 *   (COUNT_ENTRIES_LIMIT), PostgreSQL's estimate otherwise;
 * - no statement runs longer than BOUNDED_STATEMENT_TIMEOUT_MS (lib/db.ts).
 * Only the page's rows are read and highlighted.
 */
export async function searchPapers(
  tsquery: string,
  options: { limit: number; offset?: number; category?: string | null },
): Promise<SearchPage> {
  cacheTags(tags.search);
  if (options.category) return searchInCategory(tsquery, options.category, options.limit, options.offset ?? 0);
  const offset = options.offset ?? 0;
  const wanted = offset + options.limit;
  const phrase = tsquery.includes("<->");
  // Three parts side by side: the title matches; the count, as soon as the estimates (planning only,
  // a few ms) say whether to take it; the abstract matches, once the title matches are known.
  const papers = estimatePapers();
  const titlesFound = findTitleMatches(tsquery, wanted, papers);
  const several = anyWord(tsquery) !== tsquery;
  const estimates = Promise.all([
    estimateMatches(tsquery),
    // What the GIN index must hand over (a phrase's words, in any order) before positions are checked.
    phrase ? estimateMatches(withoutPhrases(tsquery)) : null,
    papers,
    several ? estimateMatches(anyWord(tsquery)) : null,
  ]);
  const countFound = estimates.then(([expected, candidates, , entries]) =>
    (candidates ?? expected) > ESTIMATE_ABOVE || (entries ?? expected) > COUNT_ENTRIES_LIMIT ? null : countMatches(tsquery),
  );
  const bodyFound = Promise.all([titlesFound, estimates]).then(([titleIds, [expected, candidates, papers]]) => {
    const titles = titleIds ?? [];
    const need = options.limit - Math.max(0, titles.length - offset);
    const skip = Math.max(0, offset - titles.length);
    if (titleIds === null || need <= 0 || titles.length >= wanted) return [];
    const walkCost = (WALK_ROW_US * (skip + need) * papers) / Math.max(expected, 1);
    const bitmapCost = (candidates ?? expected) * (BITMAP_ROW_US + (phrase ? PHRASE_RECHECK_US : 0));
    return bounded((client) =>
      walkCost <= bitmapCost
        ? client.$queryRaw<Ranked>`
            SELECT id FROM papers
            WHERE search_vector @@ to_tsquery('english', ${tsquery}) AND NOT (title_vector @@ to_tsquery('english', ${tsquery}))
            ORDER BY upvotes DESC, id DESC
            LIMIT ${need} OFFSET ${skip}`
        : client.$queryRaw<Ranked>`
            WITH matches AS MATERIALIZED (
              SELECT id, upvotes, title_vector FROM papers WHERE search_vector @@ to_tsquery('english', ${tsquery})
            )
            SELECT id FROM matches
            WHERE NOT (title_vector @@ to_tsquery('english', ${tsquery}))
            ORDER BY upvotes DESC, id DESC
            LIMIT ${need} OFFSET ${skip}`,
    );
  });
  const [titleIds, [expected], counted, body] = await Promise.all([titlesFound, estimates, countFound, bodyFound]);
  const pageIds = (titleIds ?? []).slice(offset).map((row) => row.id);
  const titleMatches = new Set(pageIds);
  pageIds.push(...(body ?? []).map((row) => row.id));
  const partial = titleIds === null || body === null;
  // A page that is not full holds the last matches: then their number is known without counting.
  const seenAll = !partial && pageIds.length < options.limit && (pageIds.length > 0 || offset === 0);
  const exact = counted?.[0]?.total ?? (seenAll ? offset + pageIds.length : undefined);
  const result = {
    total: exact === undefined ? Math.round(expected) : Math.min(exact, SEARCH_COUNT_CAP),
    capped: exact !== undefined && exact > SEARCH_COUNT_CAP,
    estimated: exact === undefined,
    partial,
  };
  return { ...result, hits: await readHits(tsquery, pageIds, titleMatches) };
}

/**
 * Search within one arXiv category: the matches of the query that are in the category (the two GIN
 * indexes together), title matches first, most upvoted first; counted exactly, bounded by the statement
 * timeout like every search statement.
 */
async function searchInCategory(tsquery: string, category: string, limit: number, offset: number): Promise<SearchPage> {
  const rows = await bounded(
    (client) => client.$queryRaw<{ id: number; title_match: boolean; total: number }[]>`
      WITH matches AS MATERIALIZED (
        SELECT id, upvotes, title_vector @@ to_tsquery('english', ${tsquery}) AS title_match FROM papers
        WHERE categories @> ARRAY[${category}]::text[] AND search_vector @@ to_tsquery('english', ${tsquery})
      )
      SELECT id, title_match, count(*) OVER ()::int AS total FROM matches
      ORDER BY title_match DESC, upvotes DESC, id DESC
      LIMIT ${limit} OFFSET ${offset}`,
  );
  const total = rows?.[0]?.total ?? 0;
  const result = {
    total: Math.min(total, SEARCH_COUNT_CAP),
    capped: total > SEARCH_COUNT_CAP,
    estimated: false,
    partial: rows === null,
  };
  const pageIds = (rows ?? []).map((row) => row.id);
  return {
    ...result,
    hits: await readHits(tsquery, pageIds, new Set((rows ?? []).filter((row) => row.title_match).map((row) => row.id))),
  };
}

/** The page's papers, in order, with their highlights. */
async function readHits(tsquery: string, pageIds: number[], titleMatches: Set<number>): Promise<SearchPage["hits"]> {
  if (pageIds.length === 0) return [];
  const rows = await db.$queryRaw<(PaperRow & { id: number; highlighted_title: string; highlighted_abstract: string })[]>`
    WITH q AS (SELECT to_tsquery('english', ${tsquery}) AS query)
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
        highlightedAbstract: row.highlighted_abstract,
        titleMatch: titleMatches.has(id),
      },
    ];
  });
  cacheTags(...hits.map((hit) => tags.paper(hit.arxivId)));
  return hits;
}

/**
 * How common title words are, from PostgreSQL's own statistics: ANALYZE (autovacuum runs it) keeps the
 * most common lexemes of papers.title_vector with the share of papers each appears in. A word not in
 * that list is rarer than every word in it. Read once and kept for a while per process.
 */
const STATS_TTL_MS = 60 * 60_000;

let cached: { at: number; frequencies: Map<string, number>; rarest: number } | null = null;

async function titleTermFrequencies() {
  if (cached && Date.now() - cached.at < STATS_TTL_MS) return cached;
  const [row] = await db.$queryRaw<{ elems: string[] | null; freqs: number[] | null }[]>`
    SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs
    FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'papers' AND attname = 'title_vector'`;
  const elems = row?.elems ?? [];
  const freqs = row?.freqs ?? [];
  const frequencies = new Map(elems.map((elem, i) => [elem, freqs[i] ?? 0]));
  // After the per-word shares come their minimum, maximum, and the share of empty values.
  const rarest = elems.length ? (freqs[elems.length] ?? 0) : 0;
  cached = { at: Date.now(), frequencies, rarest };
  return cached;
}

/** These title words, least common first, with the share of papers PostgreSQL expects each in (unlisted: rarest). */
async function rankTitleTerms(terms: readonly string[]): Promise<{ term: string; frequency: number }[]> {
  const { frequencies, rarest } = await titleTermFrequencies();
  return [...terms]
    .map((term) => ({ term, frequency: frequencies.get(term) ?? rarest / 2 }))
    .sort((a, b) => a.frequency - b.frequency || a.term.localeCompare(b.term));
}

/**
 * A tsquery matching any of these lexemes, written out here rather than built in SQL: as a parameter
 * the planner sees it and estimates how many papers match (built in a subquery, it cannot, and walks
 * the whole index when a bitmap of a thousand rows would do).
 */
export function anyOf(lexemes: readonly string[]): string {
  return lexemes.map(quoteLexeme).join(" | ");
}

const quoteLexeme = (lexeme: string) => `'${lexeme.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;

/** Candidates ranked for "similar papers", at most: enough to find five good ones among. */
const SIMILAR_CANDIDATES = 200;
/** Title words a similar paper is looked for by: the paper's least common ones. */
const SIMILAR_TERMS = 4;
/**
 * Papers the candidates' words may be expected in, for the first query: taking every match of this
 * many from the GIN index and sorting them costs ~10 ms (BITMAP_ROW_US). One word as common as
 * "denoising" (~4,000 papers) cost 29 ms; a fourth word as common as "input" took a query from
 * ~1,000 candidates to ~3,500 (24 ms).
 */
const SIMILAR_MATCH_BUDGET = 1_500;

/**
 * Papers like this one: candidates share its most distinctive title words (the least common in the
 * catalogue, from PostgreSQL's own statistics), the most upvoted of them first and at most
 * SIMILAR_CANDIDATES; they are ranked by how many of its title words they share, then upvotes.
 * Excludes the paper itself. Bounded at any catalogue size, the candidates are looked for in turn:
 * - papers holding any of its rarest words, as many words as are expected in SIMILAR_MATCH_BUDGET
 *   papers together (at least its rarest word: a paper whose words are all common costs ~30 ms);
 * - then, if that found too few, papers holding any of its SIMILAR_TERMS rarest words;
 * - then any of its words (the rarest may be the paper's alone: its name, "CT-1").
 */
export async function getSimilarPapers(arxivId: string, limit = 5) {
  const [source] = await db.$queryRaw<{ id: number; terms: string[] }[]>`
    SELECT id, tsvector_to_array(title_vector) AS terms FROM papers WHERE arxiv_id = ${arxivId}`;
  if (!source || source.terms.length === 0) return [];
  const [ranked, papers] = await Promise.all([rankTitleTerms(source.terms), estimatePapers()]);
  const distinctive = ranked.slice(0, SIMILAR_TERMS).map(({ term }) => term);
  const withinBudget: string[] = [];
  let expected = 0;
  for (const { term, frequency } of ranked.slice(0, SIMILAR_TERMS)) {
    expected += frequency * papers;
    if (expected > SIMILAR_MATCH_BUDGET) break;
    withinBudget.push(term);
  }
  // Its rarest word alone when even that one is more common than the budget.
  const first = withinBudget.length > 0 ? withinBudget : distinctive.slice(0, 1);
  const queries = [
    anyOf(first),
    first.length < distinctive.length ? anyOf(distinctive) : null,
    distinctive.length < source.terms.length ? anyOf(source.terms) : null,
  ].filter((query): query is string => query !== null);
  let rows: Awaited<ReturnType<typeof similarByQuery>> = [];
  for (const query of queries) {
    rows = await similarByQuery(source, query, limit);
    if (rows.length >= limit) break;
  }
  cacheTags(...rows.map((row) => tags.paper(row.arxiv_id)));
  return rows.map((row) => ({
    arxivId: row.arxiv_id,
    title: row.title,
    authorCount: row.author_count,
    upvotes: row.upvotes,
    feedDay: dayFromDate(row.feed_day),
  }));
}

/**
 * The similar papers among those whose titles match `query` (a tsquery). The candidates are the most
 * upvoted of them, found the cheaper way by WALK_INDEX_ROW_US and BITMAP_ROW_US, given how many
 * PostgreSQL expects (left to itself, it walks ~100,000 papers to find 200 of 1,700 matches: 120 ms).
 */
async function similarByQuery(source: { id: number; terms: string[] }, query: string, limit: number) {
  const [expected, papers] = await Promise.all([
    plannedRows(Prisma.sql`SELECT 1 FROM papers WHERE title_vector @@ ${query}::tsquery`),
    estimatePapers(),
  ]);
  const walkCost = ((SIMILAR_CANDIDATES * papers) / Math.max(expected, 1)) * WALK_INDEX_ROW_US;
  const matches =
    walkCost < expected * BITMAP_ROW_US
      ? Prisma.sql`SELECT id, title_vector, upvotes FROM papers WHERE title_vector @@ ${query}::tsquery AND id <> ${source.id}`
      : // OFFSET 0 keeps the matches a set of their own, taken whole from the GIN index, then sorted.
        Prisma.sql`SELECT * FROM (
          SELECT id, title_vector, upvotes FROM papers WHERE title_vector @@ ${query}::tsquery AND id <> ${source.id} OFFSET 0
        ) AS matches`;
  return db.$queryRaw<{ arxiv_id: string; title: string; author_count: number; upvotes: number; feed_day: Date }[]>`
    WITH candidates AS (
      ${matches}
      ORDER BY upvotes DESC, id DESC
      LIMIT ${SIMILAR_CANDIDATES}
    ), ranked AS (
      SELECT id, upvotes,
             (SELECT count(*) FROM unnest(tsvector_to_array(title_vector)) AS term WHERE term = ANY(${source.terms}::text[])) AS shared
      FROM candidates
      ORDER BY shared DESC, upvotes DESC, id DESC
      LIMIT ${limit}
    )
    SELECT p.arxiv_id, p.title, cardinality(p.authors) AS author_count, p.upvotes, p.feed_day
    FROM ranked JOIN papers p USING (id)
    ORDER BY ranked.shared DESC, ranked.upvotes DESC, ranked.id DESC`;
}
