"use client";

import { useActionState } from "react";
import type { OAuthProvider } from "@/lib/auth/providers";
import { emailSignInAction, type OAuthFormState, oauthSignInAction, type SignInFormState } from "@/lib/auth/sign-in-actions";

export interface SignInFormProps {
  callbackUrl: string;
  providers: Pick<OAuthProvider, "id" | "name">[];
}

const IDLE: SignInFormState = { problem: null, email: "" };
const OAUTH_IDLE: OAuthFormState = { problem: null };

/**
 * Email magic link first; GitHub / Hugging Face buttons when the server has them configured. Each is a
 * server action's form, so it works before the page's scripts have loaded (they wait for the reader's
 * first tap, which a button handled by a script would lose: lib/page-cache/defer-hydration.ts).
 */
export function SignInForm({ callbackUrl, providers }: SignInFormProps) {
  const [state, formAction, sending] = useActionState(emailSignInAction, IDLE);
  const [oauth, oauthAction, leaving] = useActionState(oauthSignInAction, OAUTH_IDLE);
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
          <p className="text-center text-xs uppercase tracking-wide text-zinc-600 dark:text-zinc-400">or</p>
          {providers.map((provider) => (
            <form key={provider.id} action={oauthAction}>
              <input type="hidden" name="provider" value={provider.id} />
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              <button
                type="submit"
                disabled={leaving}
                className="w-full rounded-lg border border-zinc-300 px-4 py-2 font-semibold hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-900"
              >
                Continue with {provider.name}
              </button>
            </form>
          ))}
          {oauth.problem ? (
            <p role="alert" className="text-sm text-red-600 dark:text-red-400">
              {oauth.problem}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
