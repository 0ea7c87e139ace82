import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { AuthCard } from "@/components/ui/auth-card";
import { MAGIC_LINK_TTL_MINUTES } from "@/lib/email/templates";
import { describeWait } from "@/lib/rate-limit/limits";

export const metadata: Metadata = { title: "Sign-in problem" };

const MESSAGES: Record<string, { title: string; text: string }> = {
  Verification: {
    title: "This sign-in link no longer works",
    text: `A link works once and for ${MAGIC_LINK_TTL_MINUTES} minutes: this one was used already or has expired. Ask for a new one.`,
  },
  RateLimited: {
    title: "Too many sign-in requests",
    text: "Too many links were asked for this address or from this network.",
  },
  AccessDenied: { title: "Access denied", text: "This account may not sign in here." },
  OAuthAccountNotLinked: {
    title: "Use the method you used before",
    text: "This email address already signed in another way. Sign in with that method (for example the email link).",
  },
  Configuration: { title: "Sign-in is misconfigured", text: "The server's sign-in settings are incomplete. Tell the operator." },
};
const FALLBACK = { title: "Could not sign you in", text: "Something went wrong while signing in. Try again." };
const retryAfterSchema = z.coerce.number().int().positive().max(86_400);

export default async function AuthErrorPage({ searchParams }: PageProps<"/auth/error">) {
  const { error, retryAfter } = await searchParams;
  const message = (typeof error === "string" && MESSAGES[error]) || FALLBACK;
  const wait = retryAfterSchema.safeParse(retryAfter);
  const whenAgain =
    error !== "RateLimited" ? "" : wait.success ? ` Try again ${describeWait(wait.data)}.` : " Wait a few minutes and try again.";
  return (
    <AuthCard title={message.title}>
      <p className="text-zinc-700 dark:text-zinc-300">
        {message.text}
        {whenAgain}
      </p>
      <Link href="/auth/signin" className="mt-6 inline-block font-semibold text-accent-600 underline dark:text-accent-400">
        Sign in again
      </Link>
    </AuthCard>
  );
}
