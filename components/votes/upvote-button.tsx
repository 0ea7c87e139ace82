"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState, useTransition } from "react";
import { usePaperUpvote } from "@/components/viewer/viewer-provider";
import { signInHref } from "@/lib/auth/sign-in-reason";
import { setUpvoteAction } from "@/lib/votes/actions";

export interface UpvoteButtonProps {
  arxivId: string;
  /** The count everyone sees on this (shared) page; a signed-in reader's own view replaces it. */
  count: number;
  size?: "md" | "lg";
}

// Component classes in app/globals.css: the pill is repeated on every card.
const sizes = { md: "upvote upvote-md", lg: "upvote upvote-lg" };

/**
 * The tall upvote pill. Signed out it is a link to sign-in (and back here); once the reader's own
 * state has loaded it toggles at once and then settles on the count the server answers with. Same
 * size in every state, so nothing moves when the state arrives.
 */
export function UpvoteButton({ arxivId, count: sharedCount, size = "md" }: UpvoteButtonProps) {
  const pathname = usePathname();
  const search = useSearchParams();
  const router = useRouter();
  const { signedIn, upvoted, count, set } = usePaperUpvote(arxivId, sharedCount);
  const [pending, startTransition] = useTransition();
  const [problem, setProblem] = useState<string | null>(null);
  const here = `${pathname}${search.size ? `?${search}` : ""}`;
  const signInAddress = signInHref(here, "upvote");
  const counted = `${count} ${count === 1 ? "upvote" : "upvotes"}`;
  const content = (
    <>
      <span aria-hidden="true" className="upvote-arrow">
        ▲
      </span>
      <span data-testid="upvote-count">{count}</span>
    </>
  );

  if (!signedIn) {
    return (
      <a href={signInAddress} aria-label={`Sign in to upvote, ${counted}`} className={`${sizes[size]} upvote-off`}>
        {content}
      </a>
    );
  }

  const label = `${upvoted ? "Remove your upvote" : "Upvote"}, ${counted}`;
  const toggle = () => {
    const before = { upvoted, count };
    const wanted = !upvoted;
    setProblem(null);
    set({ upvoted: wanted, count: count + (wanted ? 1 : -1) });
    startTransition(async () => {
      const result = await setUpvoteAction({ arxivId, upvoted: wanted });
      if (result.ok) {
        set({ count: result.data.upvotes, upvoted: result.data.upvoted });
        return;
      }
      set(before);
      if (result.error === "unauthenticated") router.push(signInAddress);
      else setProblem(result.message);
    });
  };

  return (
    <div className="relative">
      <button
        type="button"
        onClick={toggle}
        aria-pressed={upvoted}
        aria-label={label}
        title={problem ?? label}
        data-pending={pending || undefined}
        className={`${sizes[size]} ${upvoted ? "upvote-on" : "upvote-off"} cursor-pointer`}
      >
        {content}
      </button>
      <span role="status" className="sr-only">
        {problem ?? ""}
      </span>
    </div>
  );
}
