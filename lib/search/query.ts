/**
 * What a reader typed, read for search. The words themselves are read by PostgreSQL (its `english`
 * configuration: stems, stop words, hyphenated words), so search ranks the very lexemes its indexes
 * hold; this module checks the input and builds tsqueries from those lexemes. Only lexemes PostgreSQL
 * produced reach a tsquery, each one quoted, so no input is a syntax error or an injection.
 *
 *   how to compress "deep networks"   -> words: compress; phrase: deep <-> network
 *   tokenizer-free models             -> tokenizer-fre (or token & free), model
 */
import { escapeHtml } from "@/lib/html";

export const MAX_QUERY_LENGTH = 250;
/** Distinct lexemes of a query that count, at most (the rest of a pasted abstract is ignored). */
export const MAX_TERMS = 16;
const WORD = /[\p{L}\p{N}]/u;

export type ParsedQuery =
  | { ok: true; text: string; phrases: string[]; rest: string }
  | { ok: false; reason: "empty" | "too_long" | "no_words"; message: string };

export type SearchQuery = Extract<ParsedQuery, { ok: true }>;

export function parseSearchQuery(input: string | null | undefined): ParsedQuery {
  const text = (input ?? "").trim();
  if (!text) return { ok: false, reason: "empty", message: "Type a few words to search titles, authors and abstracts." };
  if (text.length > MAX_QUERY_LENGTH) {
    return { ok: false, reason: "too_long", message: `Searches are limited to ${MAX_QUERY_LENGTH} characters.` };
  }
  if (!WORD.test(text)) {
    return { ok: false, reason: "no_words", message: "There are no words to search for in that (only punctuation)." };
  }
  const phrases: string[] = [];
  let rest = text;
  for (const match of text.matchAll(/"([^"]*)"/g)) {
    const phrase = (match[1] ?? "").trim();
    if (WORD.test(phrase)) phrases.push(phrase);
    rest = rest.replace(match[0], " ");
  }
  return { ok: true, text, phrases, rest: rest.replaceAll('"', " ").trim() };
}

/** A lexeme of the query and where PostgreSQL found it (to_tsvector positions). */
export interface QueryLexeme {
  lexeme: string;
  positions: number[];
}

/**
 * A word the query asks for: a lexeme, or a hyphenated word, which PostgreSQL reads as the whole word
 * ("tokenizer-fre") followed by its parts ("token", "free"). A paper has it if it has the whole word
 * or all of its parts.
 */
export interface QueryWord {
  lexeme: string;
  parts: string[];
}

export interface QueryTerms {
  /** Every distinct lexeme (hyphenated words and their parts), in the query's order: what is scored. */
  terms: string[];
  /** What a paper must have to match every word. */
  words: QueryWord[];
}

export function queryTerms(lexemes: readonly QueryLexeme[]): QueryTerms {
  const byPosition = new Map<number, string>();
  for (const { lexeme, positions } of lexemes) for (const position of positions) byPosition.set(position, lexeme);
  const positions = [...byPosition.keys()].sort((a, b) => a - b);
  const words: QueryWord[] = [];
  const partOf = new Set<number>();
  for (const position of positions) {
    if (partOf.has(position)) continue;
    const lexeme = byPosition.get(position) ?? "";
    const pieces = lexeme.includes("-") ? lexeme.split("-").length : 0;
    const parts: string[] = [];
    for (let p = position + 1; p <= position + pieces; p++) {
      const part = byPosition.get(p);
      partOf.add(p);
      if (part) parts.push(part);
    }
    if (!words.some((word) => word.lexeme === lexeme)) words.push({ lexeme, parts });
  }
  const terms = [...new Set(positions.map((position) => byPosition.get(position) ?? ""))].filter(Boolean);
  return { terms: terms.slice(0, MAX_TERMS), words: words.slice(0, MAX_TERMS) };
}

/** A lexeme as a tsquery operand, quoted (optionally as a prefix). */
export const quoteLexeme = (lexeme: string, prefix = false) =>
  `'${lexeme.replaceAll("\\", "\\\\").replaceAll("'", "''")}'${prefix ? ":*" : ""}`;

/** Any of these lexemes. */
export const anyOf = (lexemes: readonly string[], prefix = false) =>
  lexemes.map((lexeme) => quoteLexeme(lexeme, prefix)).join(" | ");

/** Every word (a hyphenated one: the whole word, or all its parts). */
export function allOf(words: readonly QueryWord[], prefix = false): string {
  return words
    .map(({ lexeme, parts }) =>
      parts.length > 0
        ? `( ${quoteLexeme(lexeme, prefix)} | ( ${parts.map((part) => quoteLexeme(part, prefix)).join(" & ")} ) )`
        : quoteLexeme(lexeme, prefix),
    )
    .join(" & ");
}

/** Private-use characters that mark highlighted words in text that PostgreSQL returns (ts_headline). */
export const HIGHLIGHT_START = "\uE000";
export const HIGHLIGHT_END = "\uE001";

/** Splits highlighted text into plain and matched parts. */
export function splitHighlights(text: string): { text: string; match: boolean }[] {
  const parts: { text: string; match: boolean }[] = [];
  for (const [index, piece] of text.split(new RegExp(`[${HIGHLIGHT_START}${HIGHLIGHT_END}]`)).entries()) {
    if (piece) parts.push({ text: piece, match: index % 2 === 1 });
  }
  return parts;
}

/**
 * Highlighted text as HTML: every part escaped (lib/html.ts), so the only markup is the <mark> around
 * each match. A search page sends its twenty titles and excerpts as one string each, where a React
 * element per part made ~280 elements for React to serialise and render twice (RSC and HTML): ~4.6 ms
 * less web CPU a search page (README, "Search misses ... fifth pass").
 */
export function highlightsToHtml(text: string): string {
  return splitHighlights(text)
    .map((part) => (part.match ? `<mark>${escapeHtml(part.text)}</mark>` : escapeHtml(part.text)))
    .join("");
}
