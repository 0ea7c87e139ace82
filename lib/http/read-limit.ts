import type { IncomingMessage, ServerResponse } from "node:http";
import { LIMITS, tooManyMessage } from "@/lib/rate-limit/limits";
import { consumeInMemory } from "@/lib/rate-limit/shared-counter";
import { sendError } from "./guards";

/**
 * The read-only API, the feeds, the sitemaps and social cards: limited per IP, counted in memory (reading writes
 * nothing). Sign-in (limited per address and IP itself), the reader's own state (one request per page
 * view, answered from memory) and health checks are not. The address is already canonical
 * (lib/http/canonical.ts): `/x/%2e%2e/api/...` was redirected before it got here.
 */
const READ_ENDPOINTS = [
  /^\/api\/(?!auth\/|viewer(?:\?|$)|health(?:\/|\?|$))/,
  /^\/feeds\//,
  /^\/sitemap(?:s\/|\.xml)/,
  // Social cards: ~100 ms of CPU to draw when not kept.
  /^\/papers\/[^/?]+\/card\.png(?:\?|$)/,
];

/** A reader's own pages that cost the most to build: limited per IP on their own. */
const PERSONAL_PAGES = [/^\/papers\/for-you(?:\?|$)/, /^\/me\/saved\/export\.(?:bib|txt)(?:\?|$)/];

export function isReadEndpoint(method: string | undefined, url: string): boolean {
  return (method === "GET" || method === "HEAD") && READ_ENDPOINTS.some((pattern) => pattern.test(url));
}

const isPersonalPage = (method: string | undefined, url: string) =>
  (method === "GET" || method === "HEAD") && PERSONAL_PAGES.some((pattern) => pattern.test(url));

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
  const url = request.url ?? "/";
  if (isPersonalPage(request.method, url)) {
    const limit = await consumeInMemory(LIMITS.personalPagesPerIp, clientIp);
    if (limit.allowed) return false;
    sendError(request, response, 429, tooManyMessage(limit.retryAfterSeconds), {
      "retry-after": String(limit.retryAfterSeconds),
    });
    return true;
  }
  if (!isReadEndpoint(request.method, url)) return false;
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
