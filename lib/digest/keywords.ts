/** Stored as one comma-separated string; empty means "every paper". */
export function parseStoredKeywords(stored: string | null): string[] {
  return (stored ?? "")
    .split(",")
    .map((word) => word.trim().toLowerCase())
    .filter(Boolean);
}

export const storeKeywords = (keywords: readonly string[]): string | null => (keywords.length ? keywords.join(", ") : null);

// A digest run tests one period's papers against thousands of subscribers' keywords: each paper's
// text is lower-cased once, not once per subscriber.
const loweredText = new WeakMap<object, string>();

/** A paper matches when its title or abstract contains any keyword (case-insensitive), or when there are none. */
export function matchesKeywords(paper: { title: string; abstract: string }, keywords: readonly string[]): boolean {
  if (keywords.length === 0) return true;
  let text = loweredText.get(paper);
  if (text === undefined) {
    text = `${paper.title}\n${paper.abstract}`.toLowerCase();
    loweredText.set(paper, text);
  }
  return keywords.some((keyword) => text.includes(keyword));
}
