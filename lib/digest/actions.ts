"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { ActionError, type ActionResult, authAction, rateLimited } from "@/lib/auth/action";
import { alreadySubscribedEmail, confirmSubscriptionEmail } from "@/lib/email/templates";
import { sendMail } from "@/lib/email/transport";
import { clientIp } from "@/lib/http/request";
import { requestPublicOrigin } from "@/lib/http/request-origin";
import { describeIssues } from "@/lib/ingest/types";
import { LIMITS } from "@/lib/rate-limit/limits";
import { consumeRateLimits } from "@/lib/rate-limit/mutations";
import { preferencesUrl } from "./compose";
import { getUserEmailVerified } from "./data";
import { confirmSubscription, requestSubscription, resubscribe, unsubscribe, updatePreferences } from "./mutations";
import { preferencesSchema, subscriberTokenSchema, subscribeSchema } from "./schema";

/**
 * The subscribe box. Open to anyone, so: validated, rate limited per address and per IP, and the
 * answer is the same whether or not the address was subscribed already (the inbox learns which).
 */
export async function subscribeAction(input: { email: string }): Promise<ActionResult<{ email: string }>> {
  const parsed = subscribeSchema.safeParse(input);
  if (!parsed.success)
    return { ok: false, error: "invalid", message: describeIssues(parsed.error.issues).replace(/^email: /, "") };
  const { email } = parsed.data;
  const limit = await consumeRateLimits([
    [LIMITS.subscribePerIp, clientIp(await headers())],
    [LIMITS.subscribePerEmail, email],
  ]);
  if (!limit.allowed) return rateLimited(limit.retryAfterSeconds);
  try {
    const request = await requestSubscription(email);
    const origin = await requestPublicOrigin();
    const message =
      request.outcome === "already-active"
        ? alreadySubscribedEmail({ preferencesUrl: preferencesUrl(origin, request.token) })
        : confirmSubscriptionEmail({ confirmUrl: `${origin}/digest/confirm/${request.token}`, frequency: "daily" });
    await sendMail({ to: email, ...message });
  } catch (error) {
    console.error("Subscription failed:", error);
    return { ok: false, error: "server", message: "We could not record that. Try again in a moment." };
  }
  return { ok: true, data: { email } };
}

export interface SubscribeFormState {
  kind: "idle" | "ok" | "error";
  message: string;
  /** What was typed, to show again after a refusal. */
  email: string;
}

/**
 * The subscribe box as a form action: it works before the page's scripts have loaded (the browser
 * posts the form, Next.js answers with the page and this result) as well as after.
 */
export async function subscribeFormAction(_previous: SubscribeFormState, form: FormData): Promise<SubscribeFormState> {
  const email = String(form.get("email") ?? "");
  const result = await subscribeAction({ email });
  return result.ok
    ? { kind: "ok", message: `Almost done: check ${result.data.email} for a link to confirm.`, email: "" }
    : { kind: "error", message: result.message, email };
}

/** One click for a signed-in user whose address is verified (the magic link proved it). */
export const subscribeMeAction = authAction(z.object({}), async (user) => {
  const account = await getUserEmailVerified(user.id);
  if (!account?.verified) throw new ActionError("invalid", "Your account has no verified email address; use the form instead.");
  const request = await requestSubscription(account.email.toLowerCase(), user.id);
  return { token: request.token, email: request.email };
});

type TokenResult = ActionResult<{ done: true }>;
const unknownLink: TokenResult = { ok: false, error: "not_found", message: "This link is not valid any more." };

/** Token-authorised actions: the token in the link is the credential, scoped to one subscriber. */
async function withToken(token: unknown, body: (token: string) => Promise<boolean>): Promise<TokenResult> {
  const parsed = subscriberTokenSchema.safeParse(token);
  if (!parsed.success) return unknownLink;
  return (await body(parsed.data)) ? { ok: true, data: { done: true } } : unknownLink;
}

export async function confirmSubscriptionAction(token: string): Promise<TokenResult> {
  return withToken(token, async (valid) => (await confirmSubscription(valid)) !== "unknown");
}

export async function unsubscribeAction(token: string): Promise<TokenResult> {
  return withToken(token, unsubscribe);
}

export async function resubscribeAction(token: string): Promise<TokenResult> {
  return withToken(token, resubscribe);
}

/**
 * The preferences form's fields, read the same way whether the browser posted the form (no
 * JavaScript) or the page sent them: a radio group or checkbox left out is "unchanged" / "not paused".
 */
export async function savePreferencesAction(token: string, form: FormData): Promise<TokenResult> {
  const mode = form.get("mode");
  const parsed = preferencesSchema.safeParse({
    token,
    frequency: form.get("frequency") ?? "",
    keywords: form.get("keywords") ?? "",
    paused: form.get("paused") === "on",
    mode: mode ?? undefined,
  });
  if (!parsed.success) {
    const tokenIssue = parsed.error.issues.some((issue) => issue.path[0] === "token");
    return tokenIssue ? unknownLink : { ok: false, error: "invalid", message: describeIssues(parsed.error.issues) };
  }
  return (await updatePreferences(parsed.data)) ? { ok: true, data: { done: true } } : unknownLink;
}
