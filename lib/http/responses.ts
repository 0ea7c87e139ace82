import { tooManyMessage } from "@/lib/rate-limit/limits";

/** JSON answers for route handlers: one shape for every error, `{ error: { status, message } }`. */
export function jsonError(status: number, message: string, init: { headers?: Record<string, string>; field?: string } = {}) {
  return Response.json(
    { error: { status, message, ...(init.field ? { field: init.field } : {}) } },
    { status, headers: { "cache-control": "no-store", ...init.headers } },
  );
}

export function tooManyRequests(retryAfterSeconds: number, message = tooManyMessage(retryAfterSeconds)) {
  return jsonError(429, message, { headers: { "retry-after": String(retryAfterSeconds) } });
}

/** A short plain-text answer (for people: a link opened by hand, a form without scripts), never cached. */
export function textAnswer(status: number, text: string) {
  return new Response(text, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}
