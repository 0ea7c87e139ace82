import { authorPath } from "@/lib/papers/urls";

/** The first few author names, each linked to their page, then "+N" for the rest (cards, results, the reading list). */
export function LeadAuthors({
  names,
  total,
  className = "paper-card-authors",
}: {
  names: string[];
  total: number;
  className?: string;
}) {
  if (names.length === 0) return null;
  // Links and the text between them as one flat list (no fragment per name: a feed repeats this thirty times).
  const parts = names.flatMap((name, index) => {
    const link = (
      // Names can repeat (two people, one name); the order is fixed, so the position is part of the key.
      // biome-ignore lint/suspicious/noArrayIndexKey: see above
      <a key={`${index}-${name}`} href={authorPath(name)}>
        {name}
      </a>
    );
    return index > 0 ? [", ", link] : [link];
  });
  return (
    <p className={className} data-testid="lead-authors">
      {parts}
      {total > names.length ? ` +${total - names.length}` : null}
    </p>
  );
}
