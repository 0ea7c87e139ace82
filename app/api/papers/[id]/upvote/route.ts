import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session";
import { isCrossSite } from "@/lib/http/request";
import { jsonError, tooManyRequests } from "@/lib/http/responses";
import { arxivIdSchema } from "@/lib/papers/schema";
import { LIMITS } from "@/lib/rate-limit/limits";
import { consumeRateLimit } from "@/lib/rate-limit/mutations";
import { setUpvote } from "@/lib/votes/mutations";

/** The body is optional; when present it must be an empty JSON object (no options exist yet). */
const bodySchema = z.object({}).strict();

async function handle(request: Request, context: { params: Promise<{ id: string }> }, upvoted: boolean) {
  if (isCrossSite(request.headers)) return jsonError(403, "Cross-site requests are not allowed.");
  const user = await getCurrentUser();
  if (!user) return jsonError(401, "Sign in first: this endpoint needs a session cookie.");
  const id = arxivIdSchema.safeParse((await context.params).id);
  if (!id.success) return jsonError(400, "Not an arXiv id (expected something like 2307.04990).", { field: "id" });
  const raw = await request.text();
  if (raw.trim()) {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return jsonError(400, "The body is not valid JSON.", { field: "body" });
    }
    if (!bodySchema.safeParse(json).success) return jsonError(400, "The body must be empty or {}.", { field: "body" });
  }
  const limit = await consumeRateLimit(LIMITS.votesPerUser, user.id);
  if (!limit.allowed) return tooManyRequests(limit.retryAfterSeconds, "Too many upvotes; slow down a little.");
  const state = await setUpvote(user.id, id.data, upvoted);
  if (!state) return jsonError(404, `No paper ${id.data} here.`);
  return Response.json(state, { headers: { "cache-control": "no-store" } });
}

/** POST upvotes, DELETE takes the upvote back; both answer `{ arxivId, upvotes, upvoted }`. */
export const POST = (request: Request, context: { params: Promise<{ id: string }> }) => handle(request, context, true);
export const DELETE = (request: Request, context: { params: Promise<{ id: string }> }) => handle(request, context, false);
