"use client";

import Link from "next/link";
import { useActionState, useState, useTransition } from "react";
import { useViewer } from "@/components/viewer/viewer-provider";
import { type SubscribeFormState, subscribeFormAction, subscribeMeAction } from "@/lib/digest/actions";

const IDLE: SubscribeFormState = { kind: "idle", message: "", email: "" };

/**
 * "Get trending papers in your email inbox!", quiet, near the top of the feed. The page is the same for
 * everyone: a signed-in reader's subscription (or their one-click "Subscribe as ...") comes from their
 * own state once it has loaded; until then the signed-out form keeps its place, hidden.
 */
export function SubscribeStrip() {
  const { status, viewer, setSubscription } = useViewer();
  const [form, formAction, formPending] = useActionState(subscribeFormAction, IDLE);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const signedIn = status === "ready" && viewer !== null;
  const subscription = signedIn ? viewer.digest.subscription : null;
  const verifiedEmail = signedIn ? viewer.digest.verifiedEmail : null;
  const subscribed =
    subscription && subscription.status !== "unsubscribed" && subscription.status !== "pending"
      ? subscription.preferencesHref
      : null;

  const shell = (children: React.ReactNode) => (
    <section
      aria-label="Email digest"
      className="mb-6 flex flex-wrap items-center gap-x-4 gap-y-3 rounded-2xl border border-accent-100 bg-accent-50/60 px-4 py-3 dark:border-accent-700/40 dark:bg-accent-700/10"
    >
      <p className="text-sm font-medium">
        <span aria-hidden="true">✉️ </span>Get trending papers in your email inbox!
      </p>
      <div className="flex min-w-0 flex-1 basis-64 flex-wrap items-center justify-end gap-2">{children}</div>
    </section>
  );

  if (subscribed) {
    return shell(
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        You are subscribed.{" "}
        <Link href={subscribed} className="font-semibold text-accent-600 underline dark:text-accent-400">
          Preferences
        </Link>
      </p>,
    );
  }

  if (verifiedEmail) {
    return shell(
      <>
        {message ? (
          <p role="status" className="text-sm text-red-600 dark:text-red-400">
            {message.text}
          </p>
        ) : null}
        <button
          type="button"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              const result = await subscribeMeAction({});
              if (result.ok) setSubscription({ status: "active", preferencesHref: `/digest/preferences/${result.data.token}` });
              else setMessage({ kind: "error", text: result.message });
            })
          }
          className="rounded-lg bg-accent-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-accent-700 disabled:opacity-60"
        >
          Subscribe as {verifiedEmail}
        </button>
      </>,
    );
  }

  // A form that posts without JavaScript too: the page may not have loaded its scripts yet.
  return shell(
    form.kind === "ok" ? (
      <p role="status" className="text-sm text-zinc-700 dark:text-zinc-300">
        {form.message}
      </p>
    ) : (
      <form action={formAction} className="signed-out-only flex w-full max-w-md items-center gap-2" noValidate>
        <label htmlFor="subscribe-email" className="sr-only">
          Email address
        </label>
        <input
          id="subscribe-email"
          name="email"
          type="email"
          autoComplete="email"
          required
          placeholder="you@example.org"
          defaultValue={form.email}
          aria-invalid={form.kind === "error" ? true : undefined}
          aria-describedby={form.kind === "error" ? "subscribe-problem" : undefined}
          className="min-w-0 flex-1 rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
        <button
          type="submit"
          disabled={formPending}
          className="rounded-lg bg-accent-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-accent-700 disabled:opacity-60"
        >
          Subscribe
        </button>
        {form.kind === "error" ? (
          <p id="subscribe-problem" role="alert" className="w-full text-sm text-red-600 dark:text-red-400">
            {form.message}
          </p>
        ) : null}
      </form>
    ),
  );
}
