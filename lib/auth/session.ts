import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { markPrivate } from "@/lib/page-cache/collector";
import { type CurrentUser, lookupSession } from "./session-lookup";
import { signInHref } from "./sign-in-reason";

export type { CurrentUser } from "./session-lookup";

/**
 * The signed-in user of this request (inside Next.js), or null. Cached per request. Whatever reads it
 * depends on who is asking, so the response is marked private: the page cache never shares it.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  markPrivate();
  return (await lookupSession((await headers()).get("cookie"))).user;
});

/**
 * The signed-in user of a page only they can open (`path`): a reader without a session is sent to the
 * sign-in page, which brings them back to `path` and says why (lib/auth/sign-in-reason.ts).
 */
export async function requireUser(path: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(signInHref(path));
  return user;
}
