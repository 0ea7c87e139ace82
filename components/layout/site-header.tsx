import Link from "next/link";
import type { ReactNode } from "react";

/** The top bar: product name and tagline on the left, the `actions` slot (search, sign-in) on the right. */
export function SiteHeader({ actions }: { actions?: ReactNode }) {
  return (
    <header className="border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/90">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3 sm:px-6">
        <Link href="/" className="group flex items-baseline gap-2 rounded-sm">
          <span aria-hidden="true" className="text-xl">
            📄
          </span>
          <span className="text-lg font-bold tracking-tight">Daily Papers</span>
          <span className="hidden text-sm text-zinc-500 sm:inline dark:text-zinc-400">by the research community</span>
        </Link>
        <div className="ml-auto flex min-w-0 items-center gap-3">{actions}</div>
      </div>
    </header>
  );
}
