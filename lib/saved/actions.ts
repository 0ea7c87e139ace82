"use server";

import { ActionError, authAction } from "@/lib/auth/action";
import { LIMITS } from "@/lib/rate-limit/limits";
import { consumeInMemory } from "@/lib/rate-limit/shared-counter";
import { READING_LIST_MAX } from "./limits";
import { setSaved, setSavedNote } from "./mutations";
import { saveNoteSchema, setSavedSchema } from "./schema";

/** Save a paper for later, or take it off the reading list. */
export const setSavedAction = authAction(setSavedSchema, async (user, { arxivId, saved }) => {
  const limit = await consumeInMemory(LIMITS.votesPerUser, user.id);
  if (!limit.allowed) throw new ActionError("rate_limited", "Too many changes; slow down a little.", limit.retryAfterSeconds);
  const result = await setSaved(user.id, arxivId, saved);
  if (result === "not-found") throw new ActionError("not_found", "This paper does not exist.");
  if (result === "limit")
    throw new ActionError(
      "invalid",
      `Your reading list holds ${READING_LIST_MAX.toLocaleString("en-US")} papers, the most it can: remove some first.`,
    );
  return { arxivId, saved };
});

export const saveNoteAction = authAction(saveNoteSchema, async (user, { arxivId, note }) => {
  if (!(await setSavedNote(user.id, arxivId, note)))
    throw new ActionError("not_found", "This paper is not on your reading list.");
  return { arxivId, note };
});
