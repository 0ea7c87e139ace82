import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { AuthCard } from "@/components/ui/auth-card";
import { safeReturnPath } from "@/lib/http/request";

export const metadata: Metadata = { title: "Confirm sign-in", robots: { index: false } };

const linkSchema = z.object({
  token: z.string().regex(/^[0-9a-f]{64}$/),
  email: z.email(),
  callbackUrl: z.string().optional(),
});

/**
 * Where the emailed link lands. Opening it changes nothing (mail scanners open links); the button
 * posts the one-time token to next-auth, which signs in and deletes it.
 */
export default async function ConfirmPage({ searchParams }: PageProps<"/auth/confirm">) {
  const link = linkSchema.safeParse(await searchParams);
  if (!link.success) {
    return (
      <AuthCard title="This link is incomplete">
        <p className="text-zinc-700 dark:text-zinc-300">
          The sign-in link looks damaged (some mail programs cut long links). Ask for a new one.
        </p>
        <Link href="/auth/signin" className="mt-6 inline-block font-semibold text-accent-600 underline dark:text-accent-400">
          Sign in again
        </Link>
      </AuthCard>
    );
  }
  const { token, email } = link.data;
  const callbackUrl = safeReturnPath(link.data.callbackUrl);
  const action = `/api/auth/callback/email?${new URLSearchParams({ token, email, callbackUrl })}`;
  return (
    <AuthCard title="Sign in to Daily Papers">
      <p className="mb-6 text-zinc-700 dark:text-zinc-300">
        Sign in as <strong className="break-all">{email}</strong>?
      </p>
      <form method="post" action={action}>
        <button type="submit" className="w-full rounded-lg bg-accent-600 px-4 py-2 font-semibold text-white hover:bg-accent-700">
          Sign in
        </button>
      </form>
    </AuthCard>
  );
}
