"use server";

import { ActionError, authAction } from "@/lib/auth/action";
import { LIMITS } from "@/lib/rate-limit/limits";
import { consumeInMemory } from "@/lib/rate-limit/shared-counter";
import { setFollow } from "./mutations";
import { followSchema, MAX_FOLLOWS } from "./schema";

/** Follow or unfollow an author, an arXiv category or a keyword. */
export const setFollowAction = authAction(followSchema, async (user, { kind, value, following }) => {
  const limit = await consumeInMemory(LIMITS.votesPerUser, user.id);
  if (!limit.allowed) throw new ActionError("rate_limited", "Too many changes; slow down a little.", limit.retryAfterSeconds);
  if ((await setFollow(user.id, kind, value, following)) === "limit")
    throw new ActionError("invalid", `You follow ${MAX_FOLLOWS} things already; unfollow some first.`);
  return { kind, value, following };
});
