import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PreferencesForm } from "@/components/digest/preferences-form";
import type { TokenOutcome } from "@/components/digest/token-action-button";
import { AuthCard } from "@/components/ui/auth-card";
import { resubscribeAction, savePreferencesAction, unsubscribeAction } from "@/lib/digest/actions";
import { getSubscriberByToken } from "@/lib/digest/data";
import { subscriberTokenSchema } from "@/lib/digest/schema";

export const metadata: Metadata = { title: "Digest preferences", robots: { index: false } };
export const dynamic = "force-dynamic";

/** No login: the token in the link (unguessable, this subscriber's only) is the credential. */
export default async function PreferencesPage({ params, searchParams }: PageProps<"/digest/preferences/[token]">) {
  const token = subscriberTokenSchema.safeParse((await params).token);
  if (!token.success) notFound();
  const subscriber = await getSubscriberByToken(token.data);
  if (!subscriber) notFound();
  const { unsubscribe } = await searchParams;
  const bound = token.data;
  return (
    <AuthCard title="Your digest">
      <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        Trending papers for <strong className="break-all">{subscriber.email}</strong>
      </p>
      <PreferencesForm
        email={subscriber.email}
        status={subscriber.status}
        frequency={subscriber.frequency}
        keywords={subscriber.keywords}
        mode={subscriber.mode}
        hasAccount={subscriber.hasAccount}
        askUnsubscribe={unsubscribe === "1"}
        save={async (_previous: TokenOutcome, form: FormData) => {
          "use server";
          return savePreferencesAction(bound, form);
        }}
        unsubscribe={async () => {
          "use server";
          return unsubscribeAction(bound);
        }}
        resubscribe={async () => {
          "use server";
          return resubscribeAction(bound);
        }}
      />
    </AuthCard>
  );
}
