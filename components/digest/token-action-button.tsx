"use client";

import { useActionState } from "react";

/**
 * A button that runs a token action (a link's confirm, unsubscribe, stop-emails) and then shows its
 * outcome in place. It is a server action's form, so it works without JavaScript too: the browser
 * posts it, and the page comes back showing what the link's owner now has.
 */
/** What a token action answers (its ActionResult: lib/digest/actions.ts, lib/notifications/actions.ts), null before. */
export type TokenOutcome = { ok: boolean; message?: string } | null;

export function TokenActionButton({
  label,
  doneText,
  action,
  tone = "primary",
}: {
  label: string;
  doneText: string;
  action: (previous: TokenOutcome, form: FormData) => Promise<TokenOutcome>;
  tone?: "primary" | "danger";
}) {
  const [outcome, formAction, pending] = useActionState(action, null);
  if (outcome?.ok) {
    return (
      <p role="status" className="font-medium text-emerald-700 dark:text-emerald-400">
        {doneText}
      </p>
    );
  }
  return (
    <form action={formAction} className="space-y-2">
      <button
        type="submit"
        disabled={pending}
        className={`rounded-lg px-4 py-2 font-semibold text-white disabled:opacity-60 ${
          tone === "danger" ? "bg-red-600 hover:bg-red-700" : "bg-accent-600 hover:bg-accent-700"
        }`}
      >
        {label}
      </button>
      {outcome ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {outcome.message ?? "Something went wrong."}
        </p>
      ) : null}
    </form>
  );
}
