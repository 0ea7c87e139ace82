import "server-only";
import { z } from "zod";
import { lookupSession } from "@/lib/auth/session-lookup";
import { isCrossSite } from "@/lib/http/request";
import { jsonError, tooManyRequests } from "@/lib/http/responses";
import { arxivIdSchema } from "@/lib/papers/schema";
import { LIMITS } from "@/lib/rate-limit/limits";
import { consumeInMemory } from "@/lib/rate-limit/shared-counter";
import { setUpvote } from "./mutations";

/** The body is optional; when present it must be an empty JSON object (no options exist yet). */
const bodySchema = z.object({}).strict();

/**
 * POST /api/papers/<id>/upvote upvotes, DELETE takes the upvote back; both answer `{ arxivId, upvotes,
 * upvoted }`. A Request in, a Response out: the Next.js route handler exports it, and our server
 * (scripts/server.ts) answers with it directly, since Next.js's own request pipeline costs more than
 * the upvote itself (lib/http/fast-routes.ts).
 */
export async function upvoteEndpoint(request: Request, rawId: string): Promise<Response> {
  if (request.method !== "POST" && request.method !== "DELETE") {
    return jsonError(405, "Use POST to upvote and DELETE to take the upvote back.", { headers: { allow: "POST, DELETE" } });
  }
  if (isCrossSite(request.headers)) return jsonError(403, "Cross-site requests are not allowed.");
  const { user } = await lookupSession(request.headers.get("cookie"));
  if (!user) return jsonError(401, "Sign in first: this endpoint needs a session cookie.");
  const id = arxivIdSchema.safeParse(rawId);
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
  const limit = await consumeInMemory(LIMITS.votesPerUser, user.id);
  if (!limit.allowed) return tooManyRequests(limit.retryAfterSeconds, "Too many upvotes; slow down a little.");
  const state = await setUpvote(user.id, id.data, request.method === "POST");
  if (!state) return jsonError(404, `No paper ${id.data} here.`);
  return Response.json(state, { headers: { "cache-control": "no-store" } });
}
