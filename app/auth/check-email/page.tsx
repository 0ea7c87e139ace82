import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/ui/auth-card";
import { MAGIC_LINK_TTL_MINUTES } from "@/lib/email/templates";
import { mailDelivery } from "@/lib/email/transport";

export const metadata: Metadata = { title: "Check your inbox" };

export default async function CheckEmailPage({ searchParams }: PageProps<"/auth/check-email">) {
  const { email } = await searchParams;
  const address = typeof email === "string" && email.length <= 320 ? email : null;
  return (
    <AuthCard title="Check your inbox">
      <p className="text-zinc-700 dark:text-zinc-300">
        {address ? (
          <>
            We sent a sign-in link to <strong className="break-all">{address}</strong>.
          </>
        ) : (
          "We sent you a sign-in link."
        )}{" "}
        Open it and press “Sign in”. It works once and expires in {MAGIC_LINK_TTL_MINUTES} minutes.
      </p>
      {mailDelivery() === "outbox" ? (
        <p className="mt-4 rounded-lg bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          This server has no SMTP_URL, so mail goes to a local outbox:{" "}
          <Link href="/dev/mailbox" className="font-semibold underline">
            open the local mailbox
          </Link>{" "}
          (with the link <code>npm start</code> printed, which holds its key).
        </p>
      ) : null}
      <p className="mt-6 text-sm">
        <Link href="/auth/signin" className="text-accent-600 underline dark:text-accent-400">
          Use another address
        </Link>
      </p>
    </AuthCard>
  );
}
