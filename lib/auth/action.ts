import "server-only";
import type { z } from "zod";
import { describeIssues } from "@/lib/ingest/types";
import { tooManyMessage } from "@/lib/rate-limit/limits";
import { type CurrentUser, getCurrentUser } from "./session";

export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: "unauthenticated" | "invalid" | "not_found" | "rate_limited" | "server";
      message: string;
      retryAfterSeconds?: number;
    };

/** The answer of an action over its rate limit (for actions open to anyone, which answer rather than throw). */
export function rateLimited(retryAfterSeconds: number): Exclude<ActionResult<never>, { ok: true }> {
  return { ok: false, error: "rate_limited", message: tooManyMessage(retryAfterSeconds), retryAfterSeconds };
}

/** Thrown by an action body for an answer other than success (404, 429...). */
export class ActionError extends Error {
  constructor(
    readonly error: Exclude<ActionResult<never>, { ok: true }>["error"],
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/**
 * The one gate every server action goes through: authenticate (from the session cookie, never from
 * the client's word), validate the input with zod, run, and answer with a typed result. Unexpected
 * errors are logged and answered without their details.
 */
export function authAction<S extends z.ZodType, T>(schema: S, body: (user: CurrentUser, input: z.output<S>) => Promise<T>) {
  return async (input: z.input<S>): Promise<ActionResult<T>> => {
    const user = await getCurrentUser();
    if (!user) return { ok: false, error: "unauthenticated", message: "Sign in first." };
    const parsed = schema.safeParse(input);
    if (!parsed.success) return { ok: false, error: "invalid", message: describeIssues(parsed.error.issues) };
    try {
      return { ok: true, data: await body(user, parsed.data) };
    } catch (error) {
      if (error instanceof ActionError) {
        return { ok: false, error: error.error, message: error.message, retryAfterSeconds: error.retryAfterSeconds };
      }
      console.error("Server action failed:", error);
      return { ok: false, error: "server", message: "Something went wrong. Try again." };
    }
  };
}
