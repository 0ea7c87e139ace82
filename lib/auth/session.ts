import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { markPrivate } from "@/lib/page-cache/collector";
import { authOptions } from "./options";

export interface CurrentUser {
  id: string;
  email: string | null;
  name: string | null;
}

/**
 * The signed-in user of this request, or null. Cached per request. Whatever reads it depends on who
 * is asking, so the response is marked private: the page cache never shares it.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  markPrivate();
  const session = await getServerSession(authOptions);
  const user = session?.user as { id?: string; email?: string | null; name?: string | null } | undefined;
  if (!user?.id) return null;
  return { id: user.id, email: user.email ?? null, name: user.name ?? null };
});
