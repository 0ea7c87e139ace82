"use server";

import { ActionError, authAction } from "@/lib/auth/action";
import { LIMITS } from "@/lib/rate-limit/limits";
import { consumeInMemory } from "@/lib/rate-limit/shared-counter";
import { setSaved, setSavedNote } from "./mutations";
import { saveNoteSchema, setSavedSchema } from "./schema";

/** Save a paper for later, or take it off the reading list. */
export const setSavedAction = authAction(setSavedSchema, async (user, { arxivId, saved }) => {
  const limit = await consumeInMemory(LIMITS.votesPerUser, user.id);
  if (!limit.allowed) throw new ActionError("rate_limited", "Too many changes; slow down a little.", limit.retryAfterSeconds);
  if (!(await setSaved(user.id, arxivId, saved))) throw new ActionError("not_found", "This paper does not exist.");
  return { arxivId, saved };
});

export const saveNoteAction = authAction(saveNoteSchema, async (user, { arxivId, note }) => {
  if (!(await setSavedNote(user.id, arxivId, note)))
    throw new ActionError("not_found", "This paper is not on your reading list.");
  return { arxivId, note };
});
