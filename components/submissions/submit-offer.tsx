"use client";

import { usePathname } from "next/navigation";
import { parseArxivId } from "@/lib/papers/schema";

/**
 * On the "paper not found" page: when the address holds a real arXiv id, the paper may simply not be
 * here yet, so offer to submit it (the submit form comes filled in). Read from the address, since a
 * not-found page gets no params.
 */
export function SubmitOffer() {
  const pathname = usePathname();
  const segment = pathname.split("/").filter(Boolean).at(-1) ?? "";
  let id: string | null = null;
  try {
    id = parseArxivId(decodeURIComponent(segment));
  } catch {
    id = null;
  }
  if (!id) return null;
  return (
    <p className="mt-4">
      On arXiv but not here yet?{" "}
      <a
        href={`/papers/submit?id=${encodeURIComponent(id)}`}
        className="font-semibold text-accent-600 underline dark:text-accent-400"
      >
        Submit arXiv {id}
      </a>
    </p>
  );
}
