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
