import type { ReactNode } from "react";

/** An external link styled as a button (arXiv, PDF, code). */
export function LinkButton({ href, children, primary = false }: { href: string; children: ReactNode; primary?: boolean }) {
  return (
    <a
      href={href}
      rel="noopener noreferrer"
      className={`inline-flex items-center gap-1.5 rounded-lg px-3.5 py-2 text-sm font-semibold ${
        primary
          ? "bg-accent-600 text-white hover:bg-accent-700"
          : "border border-zinc-300 text-zinc-800 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-100 dark:hover:bg-zinc-900"
      }`}
    >
      {children}
    </a>
  );
}
