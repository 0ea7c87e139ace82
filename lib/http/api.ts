import "server-only";
import { createHash } from "node:crypto";
import type { z } from "zod";
import { shareResponse } from "@/lib/page-cache/collector";
import { jsonError } from "./responses";

/** A request the API refuses, with the status and the parameter that was wrong. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Public, read-only answers: caches (and browsers) may keep them a minute, serve them stale a while longer. */
const CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300";

/**
 * Wrapper of the read-only endpoints (JSON API and RSS): an ETag (a repeated request with
 * If-None-Match gets 304), cache headers, CORS for browser scripts, and clear 4xx answers; unexpected
 * errors are logged and answered without their details. Answers are the same for every client, so the
 * page cache shares them (lib/page-cache); the per-IP limit is applied in front of it, in memory
 * (lib/http/read-limit.ts), so that reading writes nothing to the database.
 */
function readEndpoint<C>(
  serialize: (data: unknown) => { body: string; contentType: string },
  handler: (request: Request, context: C) => Promise<unknown>,
) {
  return async (request: Request, context: C): Promise<Response> => {
    shareResponse();
    let data: unknown;
    try {
      data = await handler(request, context);
    } catch (error) {
      if (error instanceof ApiError) return jsonError(error.status, error.message, { field: error.field });
      console.error("API error:", error);
      return jsonError(500, "Internal error.");
    }
    const { body, contentType } = serialize(data);
    const etag = `W/"${createHash("sha1").update(body).digest("base64url")}"`;
    const headers = {
      "content-type": contentType,
      "cache-control": CACHE_CONTROL,
      etag,
      "access-control-allow-origin": "*",
    };
    if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
    return new Response(body, { status: 200, headers });
  };
}

export const readApi = <C>(handler: (request: Request, context: C) => Promise<unknown>) =>
  readEndpoint((data) => ({ body: JSON.stringify(data), contentType: "application/json; charset=utf-8" }), handler);

/** The handler returns the feed's XML text. */
export const readFeed = <C>(handler: (request: Request, context: C) => Promise<string>) =>
  readEndpoint((data) => ({ body: String(data), contentType: "application/rss+xml; charset=utf-8" }), handler);

/**
 * Reads a request's query string with a zod schema: an unknown, repeated or malformed parameter is a
 * 400 that names it.
 */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  const params: Record<string, string> = {};
  for (const [key, value] of new URL(request.url).searchParams) {
    if (key in params) throw new ApiError(400, `${key} is given more than once`, key);
    params[key] = value;
  }
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue?.code === "unrecognized_keys") throw new ApiError(400, `unknown parameter: ${issue.keys.join(", ")}`, issue.keys[0]);
  throw new ApiError(400, issue?.message ?? "bad parameters", issue?.path[0] === undefined ? undefined : String(issue.path[0]));
}
