"use client";

import { useState, useTransition } from "react";

/** A button that runs a token action and then shows its outcome in place. */
export function TokenActionButton({
  label,
  doneText,
  action,
  tone = "primary",
}: {
  label: string;
  doneText: string;
  action: () => Promise<{ ok: boolean; message?: string }>;
  tone?: "primary" | "danger";
}) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  if (result?.ok) {
    return (
      <p role="status" className="font-medium text-emerald-700 dark:text-emerald-400">
        {result.text}
      </p>
    );
  }
  return (
    <div className="space-y-2">
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const outcome = await action();
            setResult({ ok: outcome.ok, text: outcome.ok ? doneText : (outcome.message ?? "Something went wrong.") });
          })
        }
        className={`rounded-lg px-4 py-2 font-semibold text-white disabled:opacity-60 ${
          tone === "danger" ? "bg-red-600 hover:bg-red-700" : "bg-accent-600 hover:bg-accent-700"
        }`}
      >
        {label}
      </button>
      {result ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {result.text}
        </p>
      ) : null}
    </div>
  );
}
