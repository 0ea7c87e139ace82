"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { safeReturnPath } from "@/lib/http/request";
import { requestEmailSignIn } from "./email-sign-in";

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
