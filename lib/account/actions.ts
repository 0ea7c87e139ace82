"use server";

import { ActionError, authAction } from "@/lib/auth/action";
import { LIMITS, tooManyMessage } from "@/lib/rate-limit/limits";
import { consumeRateLimits } from "@/lib/rate-limit/mutations";
import { setDisplayName } from "./mutations";
import { setDisplayNameSchema } from "./schema";

/** The reader's display name (each change retires the pages that show their comments: limited). */
export const setDisplayNameAction = authAction(setDisplayNameSchema, async (user, { name }) => {
  const limit = await consumeRateLimits([[LIMITS.profileChangesPerUser, user.id]]);
  if (!limit.allowed)
    throw new ActionError("rate_limited", tooManyMessage(limit.retryAfterSeconds, "changes"), limit.retryAfterSeconds);
  await setDisplayName(user.id, name);
  return { name };
});
