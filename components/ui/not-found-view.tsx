import type { ReactNode } from "react";

/** The body of every 404 page: what was wrong, and a way back to the feed. */
export function NotFoundView({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-semibold text-accent-600 dark:text-accent-400">404</p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">{title}</h1>
      <div className="mt-3 text-zinc-600 dark:text-zinc-400">{children}</div>
      <a
        href="/"
        className="mt-8 inline-block rounded-lg bg-accent-600 px-4 py-2 text-sm font-semibold text-white hover:bg-accent-700"
      >
        Back to today’s papers
      </a>
    </div>
  );
}
