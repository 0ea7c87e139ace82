import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Notice } from "@/components/ui/notice";
import { isOperator } from "@/lib/auth/operator";
import { env } from "@/lib/env";
import { getIngestStates } from "@/lib/ingest/data";

export const metadata: Metadata = { title: "Ingestion", robots: { index: false } };
export const dynamic = "force-dynamic";

const when = (date: Date | null) => (date ? `${date.toISOString().replace("T", " ").slice(0, 16)} UTC` : "never");

/** The operator's view of scheduled ingestion: the schedule, and where each source stands. */
export default async function IngestPage() {
  if (!(await isOperator())) notFound();
  const states = await getIngestStates();
  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="text-2xl font-bold tracking-tight">Ingestion</h1>
      <p className="mt-1 mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        {env.INGEST_CRON
          ? `The worker fetches new papers on the schedule "${env.INGEST_CRON}" (UTC) from ${env.INGEST_SOURCES.join(", ")}; arXiv categories ${env.INGEST_ARXIV_CATEGORIES.join(", ")}.`
          : "Scheduled ingestion is off: set INGEST_CRON (for example 30 1 * * *) and restart. npm run import works either way."}
      </p>
      {states.length === 0 ? (
        <Notice title="No run yet">Each source appears here after its first scheduled run.</Notice>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-zinc-200 dark:border-zinc-800">
                <th scope="col" className="py-2 pr-4">
                  Source
                </th>
                <th scope="col" className="py-2 pr-4">
                  Last run
                </th>
                <th scope="col" className="py-2 pr-4">
                  Last success
                </th>
                <th scope="col" className="py-2 pr-4">
                  Up to
                </th>
                <th scope="col" className="py-2 pr-4">
                  Added last run
                </th>
                <th scope="col" className="py-2 pr-4">
                  Added in all
                </th>
                <th scope="col" className="py-2">
                  Last error
                </th>
              </tr>
            </thead>
            <tbody>
              {states.map((state) => (
                <tr key={state.source} className="border-b border-zinc-100 align-top dark:border-zinc-900">
                  <th scope="row" className="py-2 pr-4 font-medium">
                    {state.source}
                  </th>
                  <td className="py-2 pr-4">{when(state.lastRunAt)}</td>
                  <td className="py-2 pr-4">{when(state.lastSuccessAt)}</td>
                  <td className="py-2 pr-4">{state.cursor ?? "—"}</td>
                  <td className="py-2 pr-4">{state.lastAdded.toLocaleString("en-US")}</td>
                  <td className="py-2 pr-4">{state.papersAdded.toLocaleString("en-US")}</td>
                  <td className="py-2 break-words">
                    {state.lastError ? `${state.lastError} (${when(state.lastErrorAt)})` : "none"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
