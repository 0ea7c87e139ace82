/** The tall upvote pill on the left of a card: ▲ over the count. */
export function UpvoteCount({ count, size = "md" }: { count: number; size?: "md" | "lg" }) {
  return (
    <div
      className={`flex shrink-0 flex-col items-center justify-center rounded-xl border border-zinc-200 bg-zinc-50 font-semibold tabular-nums text-zinc-700 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 ${
        size === "lg" ? "h-16 w-16 text-base" : "h-14 w-12 text-sm"
      }`}
    >
      <span aria-hidden="true" className="text-xs leading-none text-zinc-400">
        ▲
      </span>
      <span data-testid="upvote-count">{count}</span>
      <span className="sr-only">{count === 1 ? "upvote" : "upvotes"}</span>
    </div>
  );
}
