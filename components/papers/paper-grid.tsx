import type { ReactNode } from "react";

/** Cards in a responsive grid: one column on phones, up to three on wide screens. */
export function PaperGrid({ children }: { children: ReactNode }) {
  return <div className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">{children}</div>;
}
