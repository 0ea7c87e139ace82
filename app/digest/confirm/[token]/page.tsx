import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TokenActionButton } from "@/components/digest/token-action-button";
import { AuthCard } from "@/components/ui/auth-card";
import { confirmSubscriptionAction } from "@/lib/digest/actions";
import { getSubscriberByToken } from "@/lib/digest/data";
import { subscriberTokenSchema } from "@/lib/digest/schema";

export const metadata: Metadata = { title: "Confirm subscription", robots: { index: false } };
export const dynamic = "force-dynamic";

/** Opening the link changes nothing (scanners open links); the button confirms. */
export default async function ConfirmSubscriptionPage({ params }: PageProps<"/digest/confirm/[token]">) {
  const token = subscriberTokenSchema.safeParse((await params).token);
  if (!token.success) notFound();
  const subscriber = await getSubscriberByToken(token.data);
  if (!subscriber) notFound();
  const bound = token.data;
  const preferences = `/digest/preferences/${bound}`;
  return (
    <AuthCard title="Confirm your subscription">
      {subscriber.status === "pending" ? (
        <div className="space-y-4">
          <p>
            Send the trending papers to <strong className="break-all">{subscriber.email}</strong>?
          </p>
          <TokenActionButton
            label="Confirm subscription"
            doneText="You are subscribed. The next digest is on its way."
            action={async () => {
              "use server";
              return confirmSubscriptionAction(bound);
            }}
          />
        </div>
      ) : (
        <p role="status">
          {subscriber.status === "unsubscribed"
            ? "This address unsubscribed."
            : "This address is confirmed: the digest comes to it."}
        </p>
      )}
      <p className="mt-6 text-sm">
        <Link href={preferences} className="text-accent-600 underline dark:text-accent-400">
          Preferences: frequency, keywords, pause, unsubscribe
        </Link>
      </p>
    </AuthCard>
  );
}
