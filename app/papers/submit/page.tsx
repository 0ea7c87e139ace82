import type { Metadata } from "next";
import Link from "next/link";
import { SubmitForm } from "@/components/submissions/submit-form";
import { AuthCard } from "@/components/ui/auth-card";
import { getCurrentUser } from "@/lib/auth/session";
import { signInHref } from "@/lib/auth/sign-in-reason";
import { deferScripts } from "@/lib/page-cache/collector";
import { parseArxivId } from "@/lib/papers/schema";
import { LIMITS } from "@/lib/rate-limit/limits";

export const metadata: Metadata = { title: "Submit a paper" };
export const dynamic = "force-dynamic";

export default async function SubmitPage({ searchParams }: PageProps<"/papers/submit">) {
  const user = await getCurrentUser();
  // Signed out, the page is text and a link; signed in, its scripts load at once (html[data-session]).
  deferScripts();
  // "Submit this paper" on a paper-not-found page comes with its id.
  const { id } = await searchParams;
  const initialId = typeof id === "string" ? (parseArxivId(id) ?? "") : "";
  const returnTo = initialId ? `/papers/submit?id=${initialId}` : "/papers/submit";
  return (
    <AuthCard title="Submit a paper">
      <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        Found a paper the community should read? Give its arXiv id or link: we fetch it from arXiv and list it on today’s papers.
        Up to {LIMITS.submissionsPerUser.max} a day.
      </p>
      {user ? (
        <SubmitForm initialInput={initialId} />
      ) : (
        <p>
          <Link href={signInHref(returnTo)} className="font-semibold text-accent-600 underline dark:text-accent-400">
            Sign in
          </Link>{" "}
          to submit papers.
        </p>
      )}
    </AuthCard>
  );
}
