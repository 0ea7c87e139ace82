import type { IncomingMessage, ServerResponse } from "node:http";
import { LIMITS, tooManyMessage } from "@/lib/rate-limit/limits";
import { consumeInMemory } from "@/lib/rate-limit/shared-counter";

/** The read-only API and the feeds: limited per IP, counted in memory (reading writes nothing). */
const READ_ENDPOINTS = [
  /^\/api\/daily_papers(?:\?|$)/,
  /^\/api\/papers\/search(?:\?|$)/,
  /^\/api\/papers\/[^/?]+(?:\?|$)/,
  /^\/api\/papers\/[^/?]+\/comments(?:\?|$)/,
  /^\/feeds\//,
];

export function isReadEndpoint(method: string | undefined, url: string): boolean {
  return (method === "GET" || method === "HEAD") && READ_ENDPOINTS.some((pattern) => pattern.test(url));
}

/**
 * Applies the per-IP read limit before anything else answers (also the page cache: a cached answer
 * counts too). Answers 429 with Retry-After and the API's JSON error when the client is over it, and
 * returns true; otherwise tells the client what is left, and returns false.
 */
export async function refuseOverReadLimit(
  request: IncomingMessage,
  response: ServerResponse,
  clientIp: string,
): Promise<boolean> {
  if (!isReadEndpoint(request.method, request.url ?? "/")) return false;
  const limit = await consumeInMemory(LIMITS.apiPerIp, clientIp);
  if (limit.allowed) {
    response.setHeader("x-ratelimit-remaining", String(limit.remaining));
    return false;
  }
  const body = JSON.stringify({ error: { status: 429, message: tooManyMessage(limit.retryAfterSeconds) } });
  response.writeHead(429, {
    "content-type": "application/json",
    "cache-control": "no-store",
    "retry-after": String(limit.retryAfterSeconds),
    "access-control-allow-origin": "*",
  });
  response.end(body);
  return true;
}
