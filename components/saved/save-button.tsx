"use client";

import { usePathname, useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { usePaperSaved } from "@/components/viewer/viewer-provider";
import { signInHref } from "@/lib/auth/sign-in-reason";
import { setSavedAction } from "@/lib/saved/actions";

/** The bookmark icon, drawn by CSS (app/globals.css): a feed repeats it thirty times. */
const Bookmark = ({ filled }: { filled: boolean }) => <span aria-hidden="true" className={filled ? "bookmark on" : "bookmark"} />;

/**
 * The bookmark: saves a paper to the reader's reading list (/me/saved), or takes it off. Signed out,
 * a link to sign in and come back.
 */
export function SaveButton({ arxivId, withLabel = false }: { arxivId: string; withLabel?: boolean }) {
  const { signedIn, saved, set } = usePaperSaved(arxivId);
  const pathname = usePathname();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [problem, setProblem] = useState<string | null>(null);
  const className = "save";
  if (!signedIn) {
    return (
      <a href={signInHref(pathname, "save")} className={className} aria-label="Sign in to save for later">
        <Bookmark filled={false} />
        {withLabel ? "Save" : null}
      </a>
    );
  }
  // With its words shown, those are its name (pressed or not says the state); as an icon, a label says it.
  const label = saved ? "Remove from your reading list" : "Save for later";
  return (
    <>
      <button
        type="button"
        className={className}
        aria-pressed={saved}
        aria-label={withLabel ? undefined : label}
        title={problem ?? label}
        data-pending={pending || undefined}
        onClick={() => {
          const wanted = !saved;
          set(wanted);
          setProblem(null);
          startTransition(async () => {
            const result = await setSavedAction({ arxivId, saved: wanted });
            if (result.ok) return;
            set(!wanted);
            if (result.error === "unauthenticated") router.push(signInHref(pathname, "save"));
            else setProblem(result.message);
          });
        }}
      >
        <Bookmark filled={saved} />
        {withLabel ? (saved ? "Saved" : "Save for later") : null}
      </button>
      <span role="status" className="sr-only">
        {problem ?? ""}
      </span>
    </>
  );
}
