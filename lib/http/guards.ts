import type { IncomingMessage, ServerResponse } from "node:http";
import { escapeHtml } from "@/lib/html";

/**
 * What our server (scripts/server.ts) answers itself, before Next.js: requests it can tell are bad
 * from their first line and headers, and every request while the database is unreachable. Each gets
 * a clear 4xx/503 in the shape its caller reads (JSON for the API and feeds, a short page otherwise),
 * instead of a 500 from deep inside a render.
 */

/** The largest request body accepted (Next.js's own limit for server actions is the same). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** What a client is told to wait before trying again while the database is unreachable. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** Requests whose answer a machine reads: errors go out as the API's JSON error. */
const wantsJson = (url: string) => url.startsWith("/api/") || url.startsWith("/feeds/");

export function sendError(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
) {
  const url = request.url ?? "/";
  const json = wantsJson(url);
  const body = json
    ? JSON.stringify({ error: { status, message } })
    : `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${status} · Daily Papers</title></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem"><h1>${status}</h1><p>${escapeHtml(message)}</p><p><a href="/">Daily Papers</a></p></body></html>`;
  response.writeHead(status, {
    "content-type": json ? "application/json" : "text/html; charset=utf-8",
    "content-length": String(Buffer.byteLength(body)),
    "cache-control": "no-store",
    ...(json ? { "access-control-allow-origin": "*" } : {}),
    ...headers,
  });
  response.end(request.method === "HEAD" ? undefined : body);
}

/** Whether the path (not the query) holds a %-escape that does not decode to UTF-8 ("%ff", "%E0%A4%A", "%"). */
export function hasMalformedPath(url: string): boolean {
  const path = url.split(/[?#]/, 1)[0] ?? "";
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

/** A problem with the request line or headers, as [status, message], or null when there is none. */
export function requestProblem(request: IncomingMessage): [number, string] | null {
  const url = request.url ?? "/";
  if (hasMalformedPath(url)) return [400, "The address holds a malformed %-escape."];
  const length = request.headers["content-length"];
  if (length !== undefined && Number(length) > MAX_BODY_BYTES) {
    return [413, `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`];
  }
  if (length === undefined && request.headers["transfer-encoding"] !== undefined) {
    // A body of unknown size cannot be bounded before it is read: say how large it is.
    return [411, "Send the body with a Content-Length."];
  }
  return null;
}

/** Answers a request with a problem (and closes its connection: its body, if any, is not read). */
export function refuseBadRequest(request: IncomingMessage, response: ServerResponse): boolean {
  const problem = requestProblem(request);
  if (!problem) return false;
  sendError(request, response, problem[0], problem[1], { connection: "close" });
  return true;
}

/** While the database is unreachable: 503 and when to come back, for everything that needs it. */
export function refuseWhileUnavailable(request: IncomingMessage, response: ServerResponse, databaseDown: boolean): boolean {
  if (!databaseDown || (request.url ?? "/").startsWith("/_next/static/")) return false;
  sendError(request, response, 503, "The database is unavailable for a moment; try again in a few seconds.", {
    "retry-after": String(UNAVAILABLE_RETRY_AFTER_SECONDS),
  });
  return true;
}
