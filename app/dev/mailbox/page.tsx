import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Notice } from "@/components/ui/notice";
import { mailboxIsOpen } from "@/lib/email/mailbox";
import { listOutbox } from "@/lib/email/outbox";

export const metadata: Metadata = { title: "Local mailbox", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function MailboxPage() {
  if (!(await mailboxIsOpen())) notFound();
  const messages = await listOutbox();
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-bold tracking-tight">Local mailbox</h1>
      <p className="mt-1 mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        SMTP_URL is not set, so the app writes its mail here instead of sending it. Newest first.
      </p>
      {messages.length === 0 ? (
        <Notice title="No mail yet">Sign in or subscribe, and the email appears here.</Notice>
      ) : (
        <ul className="divide-y divide-zinc-200 rounded-2xl border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {messages.map((message) => (
            <li key={message.id}>
              <Link href={`/dev/mailbox/${message.id}`} className="block px-4 py-3 hover:bg-zinc-50 dark:hover:bg-zinc-900">
                <span className="block font-medium">{message.subject}</span>
                <span className="block text-sm text-zinc-500 dark:text-zinc-400">
                  to {message.to} · {new Date(message.date).toUTCString()}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
