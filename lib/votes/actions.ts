"use server";

import { ActionError, authAction } from "@/lib/auth/action";
import { LIMITS } from "@/lib/rate-limit/limits";
import { consumeInMemory } from "@/lib/rate-limit/shared-counter";
import { setUpvote } from "./mutations";
import { setUpvoteSchema } from "./schema";

/** Upvote a paper, or take the upvote back. Answers with the server's count. */
export const setUpvoteAction = authAction(setUpvoteSchema, async (user, { arxivId, upvoted }) => {
  const limit = await consumeInMemory(LIMITS.votesPerUser, user.id);
  if (!limit.allowed) throw new ActionError("rate_limited", "Too many upvotes; slow down a little.", limit.retryAfterSeconds);
  const state = await setUpvote(user.id, arxivId, upvoted);
  if (!state) throw new ActionError("not_found", "This paper does not exist.");
  return state;
});
