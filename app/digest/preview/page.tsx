import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Notice } from "@/components/ui/notice";
import { isOperator } from "@/lib/auth/operator";
import { formatPeriod, parseDay } from "@/lib/dates";
import { composeDigest } from "@/lib/digest/compose";
import { getRankedPeriodPapers } from "@/lib/digest/data";
import { periodContaining } from "@/lib/digest/period";
import { frequencySchema } from "@/lib/digest/schema";
import { appUrl, env } from "@/lib/env";
import { getLatestFeedDay } from "@/lib/papers/data";

export const metadata: Metadata = { title: "Digest preview", robots: { index: false } };
export const dynamic = "force-dynamic";

/** The operator's look at a digest as subscribers get it: /digest/preview?frequency=weekly&date=2026-04-01. */
export default async function DigestPreviewPage({ searchParams }: PageProps<"/digest/preview">) {
  if (!(await isOperator())) notFound();
  const query = await searchParams;
  const frequency = frequencySchema.catch("daily").parse(query.frequency);
  const day = (typeof query.date === "string" ? parseDay(query.date) : null) ?? (await getLatestFeedDay());
  if (!day) return <Notice title="No papers yet">There is nothing to preview.</Notice>;
  const period = periodContaining(frequency, day);
  const email = composeDigest({
    appUrl,
    period,
    ranked: await getRankedPeriodPapers(period),
    recipient: { frequency, keywords: [], token: "preview-token-links-do-not-work-here-xxxxxxx" },
    size: env.DIGEST_SIZE,
  });
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-bold tracking-tight">Digest preview</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        The {frequency} digest for {formatPeriod(period)}, as a subscriber without keywords receives it.{" "}
        <Link className="underline" href={`/digest/preview?frequency=${frequency === "daily" ? "weekly" : "daily"}&date=${day}`}>
          Show the {frequency === "daily" ? "weekly" : "daily"} one
        </Link>
      </p>
      {email ? (
        <>
          <p className="mt-4 font-medium" data-testid="digest-subject">
            Subject: {email.subject}
          </p>
          <iframe
            title="Digest (HTML)"
            sandbox="allow-popups allow-popups-to-escape-sandbox"
            srcDoc={email.html.replace("<head>", '<head><base target="_blank">')}
            className="mt-3 h-[48rem] w-full rounded-xl border border-zinc-200 bg-white dark:border-zinc-800"
          />
          <details className="mt-4">
            <summary className="cursor-pointer text-sm font-semibold">Plain-text part</summary>
            <pre className="mt-2 whitespace-pre-wrap break-words rounded-xl bg-zinc-50 p-4 text-sm dark:bg-zinc-900">
              {email.text}
            </pre>
          </details>
        </>
      ) : (
        <Notice title="No digest for this period">
          There are no papers in {formatPeriod(period)}, so nothing would be sent.
        </Notice>
      )}
    </div>
  );
}
