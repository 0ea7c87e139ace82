"use server";

import { type ActionResult, authAction } from "@/lib/auth/action";
import { setReplyEmails, stopReplyEmails } from "./mutations";
import { replyEmailsSettingSchema, replyEmailTokenSchema } from "./schema";

/** The discussion's checkbox: "email me when someone replies to my comments" (signed in). */
export const setReplyEmailsAction = authAction(replyEmailsSettingSchema, async (user, { enabled }) => {
  await setReplyEmails(user.id, enabled);
  return { enabled };
});

/** The reply email's link, on its confirmation page: the token in the link is the credential. */
export async function stopReplyEmailsAction(token: string): Promise<ActionResult<{ done: true }>> {
  const parsed = replyEmailTokenSchema.safeParse(token);
  if (parsed.success && (await stopReplyEmails(parsed.data))) return { ok: true, data: { done: true } };
  return { ok: false, error: "not_found", message: "This link is not valid any more." };
}
