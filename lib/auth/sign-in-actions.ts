"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { safeReturnPath } from "@/lib/http/request";
import { oauthProviders } from "./providers";
import { requestEmailSignIn, requestOAuthSignIn } from "./server-sign-in";

export interface SignInFormState {
  problem: string | null;
  /** What the reader typed, given back with a problem (a form posted without scripts is re-rendered). */
  email: string;
}

const formSchema = z.object({
  email: z
    .string()
    .trim()
    .max(320)
    .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/),
  callbackUrl: z.string().max(2_048).optional(),
});

const PROBLEMS = {
  invalid: "Enter a valid email address, like ada@example.org.",
  limited: "Too many sign-in requests for this address or network. Wait a few minutes and try again.",
  failed: "We could not send the sign-in email. Try again in a moment.",
};

/**
 * The sign-in form's action: it works before the page's scripts have loaded (the browser posts the
 * form, Next.js runs this and redirects, or answers with the page and the problem) as well as after.
 * Server actions refuse other sites' posts (Origin against Host), as next-auth's CSRF token would.
 */
export async function emailSignInAction(_previous: SignInFormState, form: FormData): Promise<SignInFormState> {
  const typed = String(form.get("email") ?? "").slice(0, 320);
  const parsed = formSchema.safeParse({
    email: form.get("email") ?? "",
    callbackUrl: form.get("callbackUrl") ?? undefined,
  });
  if (!parsed.success) return { problem: PROBLEMS.invalid, email: typed };
  const { email } = parsed.data;
  const outcome = await requestEmailSignIn(email, safeReturnPath(parsed.data.callbackUrl));
  if (outcome.ok) redirect(`/auth/check-email?email=${encodeURIComponent(email)}`);
  return { problem: outcome.status === 429 ? PROBLEMS.limited : PROBLEMS.failed, email: typed };
}

export interface OAuthFormState {
  problem: string | null;
}

const oauthSchema = z.object({
  provider: z.string().max(40),
  callbackUrl: z.string().max(2_048).optional(),
});

/**
 * A "Continue with GitHub" button's action (one form per provider): next-auth's sign-in is started
 * here and the browser sent to the provider, so that the button works on the reader's first tap,
 * before the page's scripts have loaded (they wait for it), and without them.
 */
export async function oauthSignInAction(_previous: OAuthFormState, form: FormData): Promise<OAuthFormState> {
  const parsed = oauthSchema.safeParse({
    provider: form.get("provider") ?? "",
    callbackUrl: form.get("callbackUrl") ?? undefined,
  });
  const provider = parsed.success ? oauthProviders().find((known) => known.id === parsed.data.provider) : undefined;
  if (!parsed.success || !provider) return { problem: "That way of signing in is not offered here. Use the email link." };
  const url = await requestOAuthSignIn(provider, safeReturnPath(parsed.data.callbackUrl));
  if (url) redirect(url.toString());
  return { problem: `We could not start signing in with ${provider.name}. Try again in a moment, or use the email link.` };
}
