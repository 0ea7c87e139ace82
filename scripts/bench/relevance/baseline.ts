import { db } from "@/lib/db";

/**
 * The search and "similar papers" this project had before issue 17 (commit 7140624), kept only to be
 * measured against: every word must match (each as a prefix, quoted words as a phrase); papers whose
 * title matches come first, then those matching in authors or abstract, most upvoted first within
 * each; similar papers share one of the paper's four least common title words and are ranked by how
 * many title words they share, then upvotes. Written plainly (the original also chose between index
 * walks and bitmaps at a million papers; on the relevance bench's 9,577 papers the order is the same).
 */

const WORD = /[\p{L}\p{N}]+/gu;

/** The old parser: letters and digits only, words as prefixes, quoted words a phrase, all ANDed. */
export function baselineTsquery(input: string): string | null {
  const parts: string[] = [];
  let rest = input.trim();
  for (const match of input.matchAll(/"([^"]*)"/g)) {
    const words = (match[1] ?? "").toLowerCase().match(WORD) ?? [];
    if (words.length > 1) parts.push(`(${words.join(" <-> ")})`);
    else if (words[0]) parts.push(words[0]);
    rest = rest.replace(match[0], " ");
  }
  for (const word of rest.replaceAll('"', " ").toLowerCase().match(WORD) ?? []) parts.push(`${word}:*`);
  return parts.length ? parts.slice(0, 32).join(" & ") : null;
}

export async function baselineSearch(input: string, limit: number): Promise<string[]> {
  const tsquery = baselineTsquery(input);
  if (!tsquery) return [];
  const rows = await db.$queryRaw<{ arxiv_id: string }[]>`
    WITH q AS (SELECT to_tsquery('english', ${tsquery}) AS query)
    SELECT p.arxiv_id FROM papers p, q
    WHERE p.search_vector @@ q.query
    ORDER BY (p.title_vector @@ q.query) DESC, p.upvotes DESC, p.id DESC
    LIMIT ${limit}`;
  return rows.map((row) => row.arxiv_id);
}

const SIMILAR_TERMS = 4;
const SIMILAR_CANDIDATES = 200;
const SIMILAR_MATCH_BUDGET = 1_500;

export async function baselineSimilar(arxivId: string, limit: number): Promise<string[]> {
  const [source] = await db.$queryRaw<{ id: number; terms: string[] }[]>`
    SELECT id, tsvector_to_array(title_vector) AS terms FROM papers WHERE arxiv_id = ${arxivId}`;
  if (!source || source.terms.length === 0) return [];
  const [stats] = await db.$queryRaw<{ elems: string[] | null; freqs: number[] | null; papers: number }[]>`
    SELECT s.most_common_elems::text::text[] AS elems, s.most_common_elem_freqs AS freqs,
           (SELECT GREATEST(reltuples, 1)::float8 FROM pg_class WHERE oid = 'papers'::regclass) AS papers
    FROM (SELECT 1) AS one
    LEFT JOIN pg_stats s ON s.schemaname = current_schema() AND s.tablename = 'papers' AND s.attname = 'title_vector'`;
  const elems = stats?.elems ?? [];
  const freqs = stats?.freqs ?? [];
  const rarest = elems.length ? (freqs[elems.length] ?? 0) : 0;
  const frequency = new Map(elems.map((elem, i) => [elem, freqs[i] ?? 0]));
  const ranked = [...source.terms]
    .map((term) => ({ term, frequency: frequency.get(term) ?? rarest / 2 }))
    .sort((a, b) => a.frequency - b.frequency || a.term.localeCompare(b.term));
  const distinctive = ranked.slice(0, SIMILAR_TERMS).map(({ term }) => term);
  const withinBudget: string[] = [];
  let expected = 0;
  for (const { term, frequency: share } of ranked.slice(0, SIMILAR_TERMS)) {
    expected += share * (stats?.papers ?? 1);
    if (expected > SIMILAR_MATCH_BUDGET) break;
    withinBudget.push(term);
  }
  const first = withinBudget.length > 0 ? withinBudget : distinctive.slice(0, 1);
  const anyOf = (terms: string[]) => terms.map((term) => `'${term.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`).join(" | ");
  const queries = [
    anyOf(first),
    first.length < distinctive.length ? anyOf(distinctive) : null,
    distinctive.length < source.terms.length ? anyOf(source.terms) : null,
  ].filter((query): query is string => query !== null);
  let rows: { arxiv_id: string }[] = [];
  for (const query of queries) {
    rows = await db.$queryRaw<{ arxiv_id: string }[]>`
      WITH candidates AS (
        SELECT id, title_vector, upvotes FROM papers WHERE title_vector @@ ${query}::tsquery AND id <> ${source.id}
        ORDER BY upvotes DESC, id DESC LIMIT ${SIMILAR_CANDIDATES}
      ), ranked AS (
        SELECT id, upvotes,
               (SELECT count(*) FROM unnest(tsvector_to_array(title_vector)) AS term WHERE term = ANY(${source.terms}::text[])) AS shared
        FROM candidates ORDER BY shared DESC, upvotes DESC, id DESC LIMIT ${limit}
      )
      SELECT p.arxiv_id FROM ranked JOIN papers p USING (id) ORDER BY ranked.shared DESC, ranked.upvotes DESC, ranked.id DESC`;
    if (rows.length >= limit) break;
  }
  return rows.map((row) => row.arxiv_id);
}
