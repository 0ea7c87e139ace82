import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ModerationButtons, UnbanButton } from "@/components/comments/moderation-buttons";
import { Notice } from "@/components/ui/notice";
import { isOperator } from "@/lib/auth/operator";
import { getBannedCommenters, getHiddenComments, getOpenReports } from "@/lib/comments/data";

export const metadata: Metadata = { title: "Moderation", robots: { index: false } };
export const dynamic = "force-dynamic";

/** Reported comments for the operator to hide (or not), and hidden ones to restore. */
export default async function ModerationPage() {
  if (!(await isOperator())) notFound();
  const [reports, hidden, banned] = await Promise.all([getOpenReports(), getHiddenComments(), getBannedCommenters()]);
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-bold tracking-tight">Moderation</h1>
      <h2 className="mt-6 text-lg font-semibold">Reported comments</h2>
      {reports.length === 0 ? (
        <Notice title="Nothing reported">Reports readers make appear here.</Notice>
      ) : (
        <ul className="mt-3 space-y-4" data-testid="reports">
          {reports.map((report) => (
            <li key={report.id} data-testid="report" className="rounded-xl border border-zinc-200 p-4 dark:border-zinc-800">
              <p className="text-sm text-zinc-500 dark:text-zinc-400">
                {report.authorName} on{" "}
                <a className="underline" href={`/papers/${report.arxivId}#comment-${report.id}`}>
                  {report.paperTitle}
                </a>
                {report.hidden ? " · hidden" : ""}
              </p>
              {report.reportedBodies.map((body) => (
                <div key={body} data-testid="reported-revision" className="mt-1 text-sm">
                  <p className="font-medium">As reported (edited since):</p>
                  <p className="whitespace-pre-wrap break-words">{body}</p>
                </div>
              ))}
              <p className="mt-1 text-sm whitespace-pre-wrap break-words">
                {report.reportedBodies.length > 0 ? <span className="font-medium">Now: </span> : null}
                {report.body}
              </p>
              <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-300">Reports: {report.reasons.join(" · ")}</p>
              <ModerationButtons
                commentId={report.id}
                hidden={report.hidden}
                authorId={report.authorId}
                authorBanned={report.authorBanned}
              />
            </li>
          ))}
        </ul>
      )}
      <h2 className="mt-8 text-lg font-semibold">Hidden comments</h2>
      <ul className="mt-3 space-y-3">
        {hidden.map((comment) => (
          <li key={comment.id} className="rounded-xl border border-zinc-200 p-3 text-sm dark:border-zinc-800">
            <p className="whitespace-pre-wrap break-words">{comment.body}</p>
            <ModerationButtons commentId={comment.id} hidden />
          </li>
        ))}
      </ul>
      <h2 className="mt-8 text-lg font-semibold">Banned from commenting</h2>
      <ul className="mt-3 space-y-3" data-testid="bans">
        {banned.map((ban) => (
          <li key={ban.userId} data-testid="ban" className="flex flex-wrap items-center gap-3 text-sm">
            <span>
              {ban.name} · {ban.reason}
            </span>
            <UnbanButton userId={ban.userId} />
          </li>
        ))}
      </ul>
    </div>
  );
}
