"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { submitPaperAction } from "@/lib/submissions/actions";

type Outcome = { kind: "added" | "exists"; arxivId: string; title: string } | { kind: "error"; message: string };

export function SubmitForm({ initialInput = "" }: { initialInput?: string }) {
  const [input, setInput] = useState(initialInput);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-4">
      <form
        className="flex flex-wrap gap-2"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          startTransition(async () => {
            const result = await submitPaperAction({ input });
            setOutcome(
              result.ok
                ? { kind: result.data.status, arxivId: result.data.arxivId, title: result.data.title }
                : { kind: "error", message: result.message },
            );
          });
        }}
      >
        <label htmlFor="arxiv-input" className="w-full text-sm font-medium">
          arXiv id or link
        </label>
        <input
          id="arxiv-input"
          value={input}
          onChange={(event) => setInput(event.target.value)}
          placeholder="2307.04990 or https://arxiv.org/abs/2307.04990"
          className="min-w-0 flex-1 rounded-lg border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
          aria-invalid={outcome?.kind === "error" ? true : undefined}
        />
        <button
          type="submit"
          disabled={pending}
          className="rounded-lg bg-accent-600 px-4 py-2 font-semibold text-white hover:bg-accent-700 disabled:opacity-60"
        >
          {pending ? "Fetching from arXiv…" : "Submit"}
        </button>
      </form>
      {outcome?.kind === "error" ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {outcome.message}
        </p>
      ) : outcome ? (
        <p role="status" className="text-sm">
          {outcome.kind === "added" ? "Added to today’s papers: " : "Already here: "}
          <Link href={`/papers/${outcome.arxivId}`} className="font-semibold text-accent-600 underline dark:text-accent-400">
            {outcome.title}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
