import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TokenActionButton } from "@/components/digest/token-action-button";
import { AuthCard } from "@/components/ui/auth-card";
import { stopReplyEmailsAction } from "@/lib/notifications/actions";
import { getReplyEmailsByToken } from "@/lib/notifications/data";
import { replyEmailTokenSchema } from "@/lib/notifications/schema";

export const metadata: Metadata = { title: "Reply emails", robots: { index: false } };
export const dynamic = "force-dynamic";

/** Where a reply email's unsubscribe link lands. Opening it changes nothing; the button does. */
export default async function ReplyEmailsPage({ params }: PageProps<"/notifications/replies/[token]">) {
  const token = replyEmailTokenSchema.safeParse((await params).token);
  if (!token.success) notFound();
  const setting = await getReplyEmailsByToken(token.data);
  if (!setting) notFound();
  const bound = token.data;
  return (
    <AuthCard title="Reply emails">
      {setting.enabled ? (
        <div className="space-y-4">
          <p>
            Stop emailing <strong className="break-all">{setting.email ?? "you"}</strong> when someone replies to your comments?
          </p>
          <TokenActionButton
            label="Stop reply emails"
            tone="danger"
            doneText="Done: no more reply emails. Turn them back on under any paper's discussion."
            action={async () => {
              "use server";
              return stopReplyEmailsAction(bound);
            }}
          />
        </div>
      ) : (
        <p role="status">
          Reply emails are off for <strong className="break-all">{setting.email ?? "you"}</strong>. Turn them back on under any
          paper's discussion when you are signed in.
        </p>
      )}
    </AuthCard>
  );
}
