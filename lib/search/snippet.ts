import { HIGHLIGHT_END, HIGHLIGHT_START } from "./query";

/** Words a result's snippet shows, at most (about three lines of a result). */
export const SNIPPET_WORDS = 45;

/** Sentence ends: a full stop, "?" or "!" followed by space and a capital or digit (a match mark may come first). */
const SENTENCE_BREAK = new RegExp(`(?<=[.!?])\\s+(?=${HIGHLIGHT_START}?[A-Z0-9])`);

/**
 * A search result's snippet from its abstract with every match marked (ts_headline HighlightAll):
 * from the start of the first sentence holding a match (or the abstract's start), about
 * `maxWords` words, marked "…" where text was left out on either side. Snippets that begin
 * mid-sentence ("...with a lightweight router, and ...") read badly: a reader scans sentences.
 */
export function sentenceSnippet(marked: string, maxWords = SNIPPET_WORDS): string {
  const sentences = marked.trim().split(SENTENCE_BREAK);
  const first = Math.max(
    0,
    sentences.findIndex((sentence) => sentence.includes(HIGHLIGHT_START)),
  );
  const words = sentences.slice(first).join(" ").split(/\s+/).filter(Boolean);
  let shown = words.slice(0, maxWords).join(" ");
  // A match cut in two is closed, so the mark does not run on.
  if (shown.lastIndexOf(HIGHLIGHT_START) > shown.lastIndexOf(HIGHLIGHT_END)) shown += HIGHLIGHT_END;
  return `${first > 0 ? "… " : ""}${shown}${words.length > maxWords ? " …" : ""}`;
}
