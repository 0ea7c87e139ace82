import type { ReactNode } from "react";

/** The narrow centred card of the sign-in pages. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="mx-auto mt-8 max-w-md rounded-2xl border border-zinc-200 p-6 sm:p-8 dark:border-zinc-800">
      <h1 className="mb-4 text-2xl font-bold tracking-tight">{title}</h1>
      {children}
    </div>
  );
}
