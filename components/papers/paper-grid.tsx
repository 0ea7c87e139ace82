import type { ReactNode } from "react";

/** Cards in a responsive grid: one column on phones, up to three on wide screens. */
export function PaperGrid({ children }: { children: ReactNode }) {
  return <div className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">{children}</div>;
}

export function DaySection({ heading, count, children }: { heading: string; count: number; children: ReactNode }) {
  return (
    <section className="mb-10" aria-label={heading}>
      <h2 className="mb-3 flex items-baseline gap-2 text-lg font-semibold">
        {heading}
        <span className="text-sm font-normal text-zinc-500 dark:text-zinc-400">
          {count} {count === 1 ? "paper" : "papers"}
        </span>
      </h2>
      {children}
    </section>
  );
}
