import { Fragment } from "react";
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
  return (
    <p className={className} data-testid="lead-authors">
      {names.map((name, index) => (
        // Names can repeat (two people, one name); the order is fixed.
        // biome-ignore lint/suspicious/noArrayIndexKey: the position is part of the key
        <Fragment key={`${index}-${name}`}>
          {index > 0 ? ", " : null}
          <a href={authorPath(name)}>{name}</a>
        </Fragment>
      ))}
      {total > names.length ? ` +${total - names.length}` : null}
    </p>
  );
}
