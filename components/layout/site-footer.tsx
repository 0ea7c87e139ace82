export function SiteFooter() {
  return (
    <footer className="mt-16 border-t border-zinc-200 dark:border-zinc-800">
      <div className="mx-auto flex max-w-7xl flex-wrap gap-x-6 gap-y-2 px-4 py-6 text-sm text-zinc-500 sm:px-6 dark:text-zinc-400">
        <span>Daily Papers: an open-source, self-hostable paper feed.</span>
        <nav aria-label="More" className="flex flex-wrap gap-x-4 gap-y-1">
          <a className="underline hover:text-zinc-900 dark:hover:text-zinc-100" href="/papers/submit">
            Submit a paper
          </a>
          <a className="underline hover:text-zinc-900 dark:hover:text-zinc-100" href="/papers/trending">
            Trending
          </a>
          <a className="underline hover:text-zinc-900 dark:hover:text-zinc-100" href="/feeds/daily.xml">
            RSS
          </a>
          <a className="underline hover:text-zinc-900 dark:hover:text-zinc-100" href="/api/daily_papers">
            JSON API
          </a>
        </nav>
        <span>
          Paper metadata from{" "}
          <a className="underline hover:text-zinc-900 dark:hover:text-zinc-100" href="https://arxiv.org">
            arXiv
          </a>
          .
        </span>
      </div>
    </footer>
  );
}
