/** Pages of a long feed: previous / next, and where the reader is. Plain links a crawler follows. */
export function FeedPager({
  page,
  pageCount,
  href,
  noun,
}: {
  page: number;
  pageCount: number;
  href: (page: number) => string;
  noun: string;
}) {
  if (pageCount <= 1) return null;
  const link =
    "rounded-lg border border-zinc-200 px-3 py-1.5 font-medium hover:bg-zinc-100 dark:border-zinc-800 dark:hover:bg-zinc-900";
  return (
    <nav aria-label={`Pages of this ${noun}`} className="mt-8 flex items-center justify-between gap-4 text-sm">
      {page > 1 ? (
        <a href={href(page - 1)} rel="prev" className={link}>
          ← More upvoted
        </a>
      ) : (
        <span />
      )}
      <span className="text-zinc-500 dark:text-zinc-400">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <a href={href(page + 1)} rel="next" className={link}>
          More papers →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
