"use server";

import { z } from "zod";
import type { ActionResult } from "@/lib/auth/action";
import { isOperator } from "@/lib/auth/operator";
import { describeIssues } from "@/lib/ingest/types";
import { banCommenter, setCommentHidden, unbanCommenter } from "./mutations";

/**
 * The gate of the operators' actions: the operator (lib/auth/operator.ts: the key's cookie or an
 * ADMIN_EMAILS account), checked on every call, and the input validated with zod.
 */
function operatorAction<S extends z.ZodType, T>(schema: S, body: (input: z.output<S>) => Promise<T>) {
  return async (input: z.input<S>): Promise<ActionResult<T>> => {
    if (!(await isOperator())) return { ok: false, error: "unauthenticated", message: "Only an operator may do this." };
    const parsed = schema.safeParse(input);
    if (!parsed.success) return { ok: false, error: "invalid", message: describeIssues(parsed.error.issues) };
    try {
      return { ok: true, data: await body(parsed.data) };
    } catch (error) {
      console.error("Moderation action failed:", error);
      return { ok: false, error: "server", message: "Something went wrong. Try again." };
    }
  };
}

/** Hides a comment from everyone (or restores it); its open reports are resolved. */
export const setCommentHiddenAction = operatorAction(
  z.object({ commentId: z.number().int().positive(), hidden: z.boolean() }),
  async ({ commentId, hidden }) => setCommentHidden(commentId, hidden),
);

/** Bans a user from commenting. */
export const banCommenterAction = operatorAction(
  z.object({ userId: z.string().min(1).max(100), reason: z.string().trim().min(1).max(500) }),
  async ({ userId, reason }) => {
    await banCommenter(userId, reason);
    return true;
  },
);

/** Lets a banned user comment again. */
export const unbanCommenterAction = operatorAction(z.object({ userId: z.string().min(1).max(100) }), async ({ userId }) =>
  unbanCommenter(userId),
);
