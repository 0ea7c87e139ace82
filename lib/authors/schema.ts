import { MAX_AUTHOR_NAME_LENGTH, UNWANTED_CHARACTERS } from "@/lib/papers/schema";

/** An author's name from a URL: as papers list it (whitespace normalised), or null when it cannot be one. */
export function parseAuthorName(raw: string | null): string | null {
  if (raw === null) return null;
  const name = raw.replace(UNWANTED_CHARACTERS, "").replace(/\s+/g, " ").trim();
  return name.length >= 1 && name.length <= MAX_AUTHOR_NAME_LENGTH ? name : null;
}
