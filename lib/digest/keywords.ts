/** Stored as one comma-separated string; empty means "every paper". */
export function parseStoredKeywords(stored: string | null): string[] {
  return (stored ?? "")
    .split(",")
    .map((word) => word.trim().toLowerCase())
    .filter(Boolean);
}

export const storeKeywords = (keywords: readonly string[]): string | null => (keywords.length ? keywords.join(", ") : null);

/** A paper matches when its title or abstract contains any keyword (case-insensitive), or when there are none. */
export function matchesKeywords(paper: { title: string; abstract: string }, keywords: readonly string[]): boolean {
  if (keywords.length === 0) return true;
  const text = `${paper.title}\n${paper.abstract}`.toLowerCase();
  return keywords.some((keyword) => text.includes(keyword));
}
