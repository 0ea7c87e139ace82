"use client";

import { type ReactNode, useEffect, useState, useTransition } from "react";
import { loadMorePapersAction } from "@/app/papers/load-more";
import { PaperGrid } from "./paper-grid";

/**
 * "Show more papers" under a feed: the next page's cards appended in place, the period's best first
 * as before. It is a link to the next page until the page's scripts run (a reader who taps before
 * then, or has no JavaScript, simply goes there), and the pager's links stay for crawlers until the
 * first load.
 */
export function LoadMore({
  kind,
  periodKey,
  nextPage,
  nextHref,
  remaining,
  children,
}: {
  kind: "day" | "week" | "month";
  periodKey: string;
  nextPage: number;
  nextHref: string;
  /** Papers not shown yet. */
  remaining: number;
  /** The pager, shown until more have been loaded here. */
  children: ReactNode;
}) {
  const [loaded, setLoaded] = useState<ReactNode[]>([]);
  const [page, setPage] = useState(nextPage);
  const [more, setMore] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  // Set once the page's scripts run: from then on a tap loads in place.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const load = () =>
    startTransition(async () => {
      const result = await loadMorePapersAction({ kind, key: periodKey, page }).catch(() => null);
      if (!result?.ok) {
        setProblem(result?.message ?? "Could not load more papers; try again.");
        return;
      }
      setProblem(null);
      setLoaded((previous) => [...previous, result.data.cards]);
      setPage(page + 1);
      setMore(result.data.more);
    });
  return (
    <>
      {loaded.map((cards, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: pages are only ever appended
        <div key={index} className="mt-4" data-testid="loaded-papers">
          <PaperGrid>{cards}</PaperGrid>
        </div>
      ))}
      {more ? (
        <p className="mt-6 text-center">
          <a
            href={loaded.length === 0 ? nextHref : "#"}
            onClick={(event) => {
              event.preventDefault();
              if (!pending) load();
            }}
            aria-disabled={pending || undefined}
            data-ready={ready || undefined}
            className="inline-block rounded-lg border border-zinc-300 px-4 py-2 text-sm font-semibold hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900"
          >
            {pending
              ? "Loading…"
              : loaded.length === 0
                ? `Show more papers (${remaining.toLocaleString("en-US")} more)`
                : "Show more papers"}
          </a>
        </p>
      ) : null}
      <p role="status" className="mt-2 text-center text-sm text-red-600 dark:text-red-400">
        {problem}
      </p>
      {loaded.length === 0 ? children : null}
    </>
  );
}
