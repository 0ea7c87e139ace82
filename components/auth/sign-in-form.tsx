"use client";

import { signIn } from "next-auth/react";
import { useActionState } from "react";
import { emailSignInAction, type SignInFormState } from "@/lib/auth/sign-in-actions";

export interface SignInFormProps {
  callbackUrl: string;
  providers: { id: string; name: string }[];
}

const IDLE: SignInFormState = { problem: null, email: "" };

/**
 * Email magic link first; GitHub / Hugging Face buttons when the server has them configured. The email
 * form is a server action's form, so it works before the page's scripts have loaded (they wait for the
 * reader's first tap: lib/page-cache/defer-hydration.ts).
 */
export function SignInForm({ callbackUrl, providers }: SignInFormProps) {
  const [state, formAction, sending] = useActionState(emailSignInAction, IDLE);
  const problem = state.problem;

  return (
    <div className="space-y-6">
      <form action={formAction} noValidate className="space-y-3">
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <label htmlFor="email" className="block text-sm font-medium">
          Email address
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.email}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? "email-problem" : undefined}
          className="block w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-base dark:border-zinc-700 dark:bg-zinc-900"
          placeholder="you@example.org"
        />
        {problem ? (
          <p id="email-problem" role="alert" className="text-sm text-red-600 dark:text-red-400">
            {problem}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={sending}
          className="w-full rounded-lg bg-accent-600 px-4 py-2 font-semibold text-white hover:bg-accent-700 disabled:opacity-60"
        >
          {sending ? "Sending…" : "Email me a sign-in link"}
        </button>
      </form>
      {providers.length > 0 ? (
        <div className="space-y-2">
          <p className="text-center text-xs uppercase tracking-wide text-zinc-500">or</p>
          {providers.map((provider) => (
            <button
              key={provider.id}
              type="button"
              onClick={() => void signIn(provider.id, { callbackUrl })}
              className="w-full rounded-lg border border-zinc-300 px-4 py-2 font-semibold hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900"
            >
              Continue with {provider.name}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
