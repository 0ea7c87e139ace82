"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState } from "react";

export interface SignInFormProps {
  callbackUrl: string;
  providers: { id: string; name: string }[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Email magic link first; GitHub / Hugging Face buttons when the server has them configured. */
export function SignInForm({ callbackUrl, providers }: SignInFormProps) {
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Read from the form, not from state: what was typed before the page hydrated is kept by the
    // browser (an uncontrolled field), where a controlled one would have been reset to "".
    const address = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    if (!EMAIL.test(address)) {
      setProblem("Enter a valid email address, like ada@example.org.");
      return;
    }
    setSending(true);
    setProblem(null);
    const result = await signIn("email", { email: address, callbackUrl, redirect: false }).catch(() => null);
    setSending(false);
    if (result?.status === 429) {
      setProblem("Too many sign-in requests for this address or network. Wait a few minutes and try again.");
    } else if (!result || result.error) {
      setProblem("We could not send the sign-in email. Try again in a moment.");
    } else {
      router.push(`/auth/check-email?email=${encodeURIComponent(address)}`);
    }
  }

  return (
    <div className="space-y-6">
      <form onSubmit={submit} noValidate className="space-y-3">
        <label htmlFor="email" className="block text-sm font-medium">
          Email address
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
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
