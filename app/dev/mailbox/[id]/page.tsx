import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { mailboxIsOpen } from "@/lib/email/mailbox";
import { readOutboxMessage } from "@/lib/email/outbox";

export const metadata: Metadata = { title: "Local mailbox", robots: { index: false } };
export const dynamic = "force-dynamic";

/** Plain text with its http(s) links made clickable (as text and hrefs; nothing is parsed as HTML). */
function linkify(text: string): ReactNode[] {
  return text.split(/(https?:\/\/[^\s<>"]+)/g).map((part, index) =>
    /^https?:\/\//.test(part) ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: a fixed split of one string
      <a key={index} href={part} className="break-all text-accent-600 underline dark:text-accent-400">
        {part}
      </a>
    ) : (
      part
    ),
  );
}

export default async function MailboxMessagePage({ params }: PageProps<"/dev/mailbox/[id]">) {
  if (!(await mailboxIsOpen())) notFound();
  const message = await readOutboxMessage((await params).id);
  if (!message) notFound();
  return (
    <div className="mx-auto max-w-3xl">
      <Link href="/dev/mailbox" className="text-sm text-accent-600 underline dark:text-accent-400">
        ← Local mailbox
      </Link>
      <h1 className="mt-3 text-2xl font-bold tracking-tight">{message.subject}</h1>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 text-sm text-zinc-600 dark:text-zinc-400">
        <dt>From</dt>
        <dd>{message.from}</dd>
        <dt>To</dt>
        <dd>{message.to}</dd>
        <dt>Date</dt>
        <dd>{new Date(message.date).toUTCString()}</dd>
        {Object.entries(message.headers).map(([name, value]) => (
          <div key={name} className="contents">
            <dt>{name}</dt>
            <dd className="break-all">{value}</dd>
          </div>
        ))}
      </dl>
      <h2 className="mt-6 text-sm font-semibold uppercase tracking-wide text-zinc-500">Text</h2>
      <pre
        data-testid="mail-text"
        className="mt-2 whitespace-pre-wrap break-words rounded-xl bg-zinc-50 p-4 font-sans text-sm dark:bg-zinc-900"
      >
        {linkify(message.text)}
      </pre>
      {message.html ? (
        <>
          <h2 className="mt-6 text-sm font-semibold uppercase tracking-wide text-zinc-500">HTML</h2>
          {/* Sandboxed: the message's HTML runs no script and cannot touch this page. */}
          <iframe
            title="HTML version"
            sandbox="allow-popups allow-popups-to-escape-sandbox"
            srcDoc={message.html.replace("<head>", '<head><base target="_blank">')}
            className="mt-2 h-[36rem] w-full rounded-xl border border-zinc-200 bg-white dark:border-zinc-800"
          />
        </>
      ) : null}
    </div>
  );
}
