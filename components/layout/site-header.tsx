import type { ReactNode } from "react";

/**
 * The top bar: product name and tagline on the left, the reader's own pages (For you, the reading
 * list: the same links for everyone, a signed-out reader is asked to sign in first), the `actions`
 * slot (search, sign-in) on the right.
 */
export function SiteHeader({ actions }: { actions?: ReactNode }) {
  return (
    <header className="border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/90">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3 sm:px-6">
        <a href="/" className="group flex items-baseline gap-2 rounded-sm">
          <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6 self-center text-accent-600 dark:text-accent-400">
            <path
              fill="currentColor"
              d="M6 2h8l6 6v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2Zm7 1.5V9h5.5L13 3.5ZM7 12h10v1.5H7V12Zm0 3.5h10V17H7v-1.5Zm0-7h4V10H7V8.5Z"
            />
          </svg>
          <span className="text-lg font-bold tracking-tight">Daily Papers</span>
          <span className="hidden text-sm text-zinc-500 sm:inline dark:text-zinc-400">by the research community</span>
        </a>
        <nav aria-label="Your pages" className="flex items-center gap-4 text-sm font-medium">
          <a
            href="/papers/for-you"
            className="rounded-sm text-zinc-700 hover:text-accent-700 dark:text-zinc-300 dark:hover:text-accent-400"
          >
            For you
          </a>
          <a
            href="/me/saved"
            className="rounded-sm text-zinc-700 hover:text-accent-700 dark:text-zinc-300 dark:hover:text-accent-400"
          >
            Reading list
          </a>
        </nav>
        <div className="ml-auto flex w-full min-w-0 items-center gap-3 sm:w-auto">{actions}</div>
      </div>
    </header>
  );
}
