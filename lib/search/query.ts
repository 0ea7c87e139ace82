/**
 * Turns what a reader types into a PostgreSQL tsquery, safely: only letters and digits reach the
 * query (punctuation and operators are dropped), so no input can be a syntax error or an injection.
 *
 *   diffusion transformers      -> diffusion:* & transformers:*   (every word, as a prefix)
 *   "large language" model      -> (large <-> language) & model:*  (quoted words as a phrase)
 */

export const MAX_QUERY_LENGTH = 250;
const MAX_TERMS = 32;
const WORD = /[\p{L}\p{N}]+/gu;

export type ParsedQuery =
  | { ok: true; tsquery: string; words: string[] }
  | { ok: false; reason: "empty" | "too_long" | "no_words"; message: string };

export function parseSearchQuery(input: string | null | undefined): ParsedQuery {
  const text = (input ?? "").trim();
  if (!text) return { ok: false, reason: "empty", message: "Type a few words to search titles, authors and abstracts." };
  if (text.length > MAX_QUERY_LENGTH) {
    return { ok: false, reason: "too_long", message: `Searches are limited to ${MAX_QUERY_LENGTH} characters.` };
  }
  const parts: string[] = [];
  const words: string[] = [];
  const phrases = /"([^"]*)"/g;
  let rest = text;
  for (const match of text.matchAll(phrases)) {
    const phraseWords = (match[1] ?? "").toLowerCase().match(WORD) ?? [];
    if (phraseWords.length > 1) parts.push(`(${phraseWords.join(" <-> ")})`);
    else if (phraseWords[0]) parts.push(phraseWords[0]);
    words.push(...phraseWords);
    rest = rest.replace(match[0], " ");
  }
  for (const word of rest.replaceAll('"', " ").toLowerCase().match(WORD) ?? []) {
    parts.push(`${word}:*`);
    words.push(word);
  }
  if (parts.length === 0) {
    return { ok: false, reason: "no_words", message: "There are no words to search for in that (only punctuation)." };
  }
  return { ok: true, tsquery: parts.slice(0, MAX_TERMS).join(" & "), words: [...new Set(words)] };
}

/** Private-use characters that mark highlighted words in text that PostgreSQL returns (ts_headline). */
export const HIGHLIGHT_START = "\uE000";
export const HIGHLIGHT_END = "\uE001";

/** Splits highlighted text into plain and matched parts, to render as text and <mark> (never as HTML). */
export function splitHighlights(text: string): { text: string; match: boolean }[] {
  const parts: { text: string; match: boolean }[] = [];
  for (const [index, piece] of text.split(new RegExp(`[${HIGHLIGHT_START}${HIGHLIGHT_END}]`)).entries()) {
    if (piece) parts.push({ text: piece, match: index % 2 === 1 });
  }
  return parts;
}
