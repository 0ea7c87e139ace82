import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { markPrivate } from "@/lib/page-cache/collector";
import { type CurrentUser, lookupSession } from "./session-lookup";

export type { CurrentUser } from "./session-lookup";

/**
 * The signed-in user of this request (inside Next.js), or null. Cached per request. Whatever reads it
 * depends on who is asking, so the response is marked private: the page cache never shares it.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  markPrivate();
  return (await lookupSession((await headers()).get("cookie"))).user;
});
