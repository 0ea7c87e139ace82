"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { setFollowAction } from "@/lib/follows/actions";
import type { Follows } from "@/lib/follows/schema";
import { FollowButton } from "./follow-button";

/**
 * What the reader follows, each one click from unfollowing, and a box to follow a keyword (matched as
 * the digest matches its keywords: anywhere in a title or abstract).
 */
export function FollowsPanel({ follows }: { follows: Follows }) {
  const router = useRouter();
  const [keyword, setKeyword] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const all = [
    ...follows.authors.map((value) => ({ kind: "author" as const, value })),
    ...follows.categories.map((value) => ({ kind: "category" as const, value })),
    ...follows.keywords.map((value) => ({ kind: "keyword" as const, value })),
  ];
  return (
    <section aria-labelledby="follows-heading" className="mt-4">
      <h2 id="follows-heading" className="text-sm font-semibold">
        What you follow
      </h2>
      {all.length > 0 ? (
        <ul className="mt-2 flex flex-wrap gap-2" data-testid="follows">
          {all.map(({ kind, value }) => (
            <li key={`${kind}:${value}`}>
              <FollowButton kind={kind} value={value} label={kind === "keyword" ? `“${value}”` : value} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-300">
          Nothing yet: follow authors from their pages, topics from a paper's category.
        </p>
      )}
      <form
        className="mt-3 flex flex-wrap items-center gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          startTransition(async () => {
            const result = await setFollowAction({ kind: "keyword", value: keyword, following: true });
            if (!result.ok) {
              setProblem(result.message);
              return;
            }
            setProblem(null);
            setKeyword("");
            router.refresh();
          });
        }}
      >
        <label htmlFor="follow-keyword" className="text-sm">
          Follow a keyword
        </label>
        <input
          id="follow-keyword"
          value={keyword}
          onChange={(event) => setKeyword(event.target.value)}
          placeholder="e.g. diffusion"
          maxLength={60}
          className="min-w-0 rounded-lg border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
        <button
          type="submit"
          disabled={pending || keyword.trim().length < 2}
          className="rounded-lg bg-accent-600 px-3 py-1 text-sm font-semibold text-white hover:bg-accent-700 disabled:opacity-60"
        >
          Follow
        </button>
        {problem ? (
          <span role="alert" className="text-sm text-red-600 dark:text-red-400">
            {problem}
          </span>
        ) : null}
      </form>
    </section>
  );
}
