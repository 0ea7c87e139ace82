"use client";

import { usePathname, useSearchParams } from "next/navigation";

/** The header's search field: a plain GET form to /papers?q=, prefilled on the results page. */
export function SearchBox({ maxLength }: { maxLength: number }) {
  const pathname = usePathname();
  const search = useSearchParams();
  const current = pathname === "/papers" ? (search.get("q") ?? "") : "";
  return (
    <search className="min-w-0 flex-1 sm:flex-none">
      <form action="/papers" method="get">
        <label htmlFor="site-search" className="sr-only">
          Search papers
        </label>
        <input
          key={current}
          id="site-search"
          name="q"
          type="search"
          defaultValue={current}
          maxLength={maxLength}
          placeholder="Search papers…"
          className="w-full rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm sm:w-64 dark:border-zinc-700 dark:bg-zinc-900"
        />
      </form>
    </search>
  );
}
