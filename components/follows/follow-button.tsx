"use client";

import { usePathname } from "next/navigation";
import { useState, useTransition } from "react";
import { useViewer } from "@/components/viewer/viewer-provider";
import { signInHref } from "@/lib/auth/sign-in-reason";
import { setFollowAction } from "@/lib/follows/actions";
import { type FollowKind, followKey } from "@/lib/follows/schema";

/** Follow an author, an arXiv category or a keyword: it boosts their papers in the reader's For you feed. */
export function FollowButton({ kind, value, label }: { kind: FollowKind; value: string; label: string }) {
  const { status, follows, setFollow } = useViewer();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [problem, setProblem] = useState<string | null>(null);
  const key = followKey(kind, value);
  const following = follows.has(key);
  const className =
    "inline-flex items-center rounded-lg border px-3 py-1.5 text-sm font-semibold transition disabled:opacity-60 " +
    (following
      ? "border-accent-600 bg-accent-600 text-white hover:bg-accent-700"
      : "border-zinc-300 text-zinc-800 hover:border-accent-600 hover:text-accent-700 dark:border-zinc-700 dark:text-zinc-100");
  if (status !== "ready") {
    return (
      <a href={signInHref(pathname, "follow")} className={className}>
        {`Follow ${label}`}
      </a>
    );
  }
  return (
    <span className="inline-flex flex-col">
      <button
        type="button"
        className={className}
        aria-pressed={following}
        disabled={pending}
        onClick={() => {
          const wanted = !following;
          setFollow(key, wanted);
          startTransition(async () => {
            const result = await setFollowAction({ kind, value, following: wanted });
            if (!result.ok) {
              setFollow(key, !wanted);
              setProblem(result.message);
            } else setProblem(null);
          });
        }}
      >
        {following ? `Following ${label}` : `Follow ${label}`}
      </button>
      {problem ? (
        <span role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">
          {problem}
        </span>
      ) : null}
    </span>
  );
}
