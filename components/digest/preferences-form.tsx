"use client";

import { useActionState, useState, useTransition } from "react";
import { TokenActionButton, type TokenOutcome } from "./token-action-button";

export interface PreferencesFormProps {
  email: string;
  status: "pending" | "active" | "paused" | "unsubscribed";
  frequency: "daily" | "weekly";
  keywords: string[];
  mode: "community" | "for_you";
  /** A "for you" digest needs an account (its upvotes, saves and follows). */
  hasAccount: boolean;
  askUnsubscribe: boolean;
  /** Saves the form's fields (posted by the browser without JavaScript, sent by the page with it). */
  save: (previous: TokenOutcome, form: FormData) => Promise<TokenOutcome>;
  unsubscribe: (previous: TokenOutcome, form: FormData) => Promise<TokenOutcome>;
  resubscribe: (previous: TokenOutcome, form: FormData) => Promise<TokenOutcome>;
}

export function PreferencesForm(props: PreferencesFormProps) {
  const [frequency, setFrequency] = useState(props.frequency);
  const [keywords, setKeywords] = useState(props.keywords.join(", "));
  const [paused, setPaused] = useState(props.status === "paused");
  const [mode, setMode] = useState(props.mode);
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<TokenOutcome>(null);
  // Without JavaScript the browser posts the form, and the page comes back with this answer.
  const [posted, postAction] = useActionState(props.save, null);
  const said = message ?? posted;

  if (props.status === "unsubscribed") {
    return (
      <div className="space-y-4">
        <p>
          <strong className="break-all">{props.email}</strong> is unsubscribed: no more digests go there.
        </p>
        <TokenActionButton
          label="Subscribe again"
          doneText="Welcome back: you are subscribed again."
          action={props.resubscribe}
        />
      </div>
    );
  }

  const unsubscribeButton = (
    <TokenActionButton
      label="Unsubscribe"
      tone="danger"
      doneText="You are unsubscribed. No more digests."
      action={props.unsubscribe}
    />
  );

  return (
    <div className="space-y-8">
      {props.askUnsubscribe ? (
        <div className="rounded-xl border border-red-200 bg-red-50 p-4 dark:border-red-900 dark:bg-red-950/40">
          <p className="mb-3 font-medium">Unsubscribe {props.email} from the digest?</p>
          {unsubscribeButton}
        </div>
      ) : null}
      <form
        className="space-y-5"
        action={postAction}
        onSubmit={(event) => {
          // With JavaScript the fields stay as the reader left them (a form action would reset them).
          event.preventDefault();
          const fields = new FormData(event.currentTarget);
          startTransition(async () => setMessage(await props.save(null, fields)));
        }}
      >
        <fieldset>
          <legend className="text-sm font-semibold">How often</legend>
          <div className="mt-2 flex gap-4">
            {(["daily", "weekly"] as const).map((value) => (
              <label key={value} className="flex items-center gap-2">
                <input
                  type="radio"
                  name="frequency"
                  value={value}
                  checked={frequency === value}
                  onChange={() => setFrequency(value)}
                />
                {value === "daily" ? "Daily" : "Weekly (Mondays)"}
              </label>
            ))}
          </div>
        </fieldset>
        {props.hasAccount ? (
          <fieldset>
            <legend className="text-sm font-semibold">Which papers</legend>
            <div className="mt-2 space-y-1">
              {(
                [
                  ["community", "Trending: what the community upvoted most"],
                  ["for_you", "For you: ranked by what you upvote, save and follow, each with the reason"],
                ] as const
              ).map(([value, label]) => (
                <label key={value} className="flex items-start gap-2">
                  <input
                    type="radio"
                    name="mode"
                    value={value}
                    className="mt-1"
                    checked={mode === value}
                    onChange={() => setMode(value)}
                  />
                  {label}
                </label>
              ))}
            </div>
          </fieldset>
        ) : null}
        <div>
          <label htmlFor="keywords" className="text-sm font-semibold">
            Only papers about (optional)
          </label>
          <input
            id="keywords"
            name="keywords"
            value={keywords}
            onChange={(event) => setKeywords(event.target.value)}
            placeholder="diffusion, reinforcement learning"
            className="mt-2 block w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
            aria-describedby="keywords-help"
          />
          <p id="keywords-help" className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
            Comma-separated. A paper is included when its title or abstract contains one of them. Empty: all papers.
          </p>
        </div>
        {props.status === "pending" ? (
          <p className="text-sm text-amber-800 dark:text-amber-300">
            Confirm your address from the email we sent to start receiving digests.
          </p>
        ) : (
          <label className="flex items-center gap-2">
            <input type="checkbox" name="paused" checked={paused} onChange={(event) => setPaused(event.target.checked)} />
            Pause the digest for now
          </label>
        )}
        <div className="flex items-center gap-3">
          <button
            type="submit"
            disabled={pending}
            className="rounded-lg bg-accent-600 px-4 py-2 font-semibold text-white hover:bg-accent-700 disabled:opacity-60"
          >
            Save preferences
          </button>
          {said ? (
            <p
              role={said.ok ? "status" : "alert"}
              className={said.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-600"}
            >
              {said.ok ? "Saved." : (said.message ?? "Could not save.")}
            </p>
          ) : null}
        </div>
      </form>
      {props.askUnsubscribe ? null : (
        <div className="border-t border-zinc-200 pt-6 dark:border-zinc-800">{unsubscribeButton}</div>
      )}
    </div>
  );
}
