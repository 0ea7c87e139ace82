"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useOptimistic, useState, useTransition } from "react";
import { setUpvoteAction } from "@/lib/votes/actions";

export interface UpvoteButtonProps {
  arxivId: string;
  count: number;
  upvoted: boolean;
  signedIn: boolean;
  size?: "md" | "lg";
}

const base =
  "flex shrink-0 flex-col items-center justify-center rounded-xl border font-semibold tabular-nums transition select-none";
const sizes = { md: "h-14 w-12 text-sm", lg: "h-16 w-16 text-base" };
const look = {
  off: "border-zinc-200 bg-zinc-50 text-zinc-700 hover:border-accent-300 hover:bg-accent-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:border-accent-500",
  on: "border-accent-500 bg-accent-600 text-white hover:bg-accent-700 dark:border-accent-400",
};

/**
 * The tall upvote pill. Signed out it is a link to sign-in (and back here); signed in it toggles at
 * once and then settles on the count the server answers with. Same size in every state, so nothing
 * moves when the state changes.
 */
export function UpvoteButton({ arxivId, count, upvoted, signedIn, size = "md" }: UpvoteButtonProps) {
  const pathname = usePathname();
  const search = useSearchParams();
  const router = useRouter();
  const [state, setState] = useState({ count, upvoted });
  const [optimistic, setOptimistic] = useOptimistic(state);
  const [pending, startTransition] = useTransition();
  const [problem, setProblem] = useState<string | null>(null);
  const here = `${pathname}${search.size ? `?${search}` : ""}`;
  const signInHref = `/auth/signin?callbackUrl=${encodeURIComponent(here)}`;
  const label = `${optimistic.upvoted ? "Remove your upvote" : "Upvote"} (${optimistic.count} ${optimistic.count === 1 ? "upvote" : "upvotes"})`;
  const content = (
    <>
      <span aria-hidden="true" className={`text-xs leading-none ${optimistic.upvoted ? "text-white" : "text-zinc-400"}`}>
        ▲
      </span>
      <span data-testid="upvote-count">{optimistic.count}</span>
    </>
  );

  if (!signedIn) {
    return (
      <Link
        href={signInHref}
        aria-label={`Sign in to upvote (${count} ${count === 1 ? "upvote" : "upvotes"})`}
        className={`${base} ${sizes[size]} ${look.off}`}
      >
        {content}
      </Link>
    );
  }

  const toggle = () => {
    const wanted = !optimistic.upvoted;
    setProblem(null);
    startTransition(async () => {
      setOptimistic({ upvoted: wanted, count: optimistic.count + (wanted ? 1 : -1) });
      const result = await setUpvoteAction({ arxivId, upvoted: wanted });
      if (result.ok) {
        setState({ count: result.data.upvotes, upvoted: result.data.upvoted });
      } else if (result.error === "unauthenticated") {
        router.push(signInHref);
      } else {
        setProblem(result.message);
      }
    });
  };

  return (
    <div className="relative">
      <button
        type="button"
        onClick={toggle}
        aria-pressed={optimistic.upvoted}
        aria-label={label}
        title={problem ?? label}
        data-pending={pending || undefined}
        className={`${base} ${sizes[size]} ${optimistic.upvoted ? look.on : look.off} cursor-pointer`}
      >
        {content}
      </button>
      <span role="status" className="sr-only">
        {problem ?? ""}
      </span>
    </div>
  );
}
