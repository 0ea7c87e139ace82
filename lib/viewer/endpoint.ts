import "server-only";
import { lookupSession } from "@/lib/auth/session-lookup";
import { ApiError, parseQuery } from "@/lib/http/api";
import { jsonError } from "@/lib/http/responses";
import { getViewerState } from "./data";
import { viewerQuerySchema } from "./schema";

const PRIVATE = { "cache-control": "private, no-store" };

/**
 * GET /api/viewer?ids=...: the signed-in reader's own state for the papers on their page (pages are
 * shared copies, the same for everyone; see lib/page-cache). `{ signedIn: false }` without a session.
 * Every signed-in page view asks it once, so it also renews the session as next-auth would (at most
 * once a day). Answered by our server directly as well as by the Next.js route (see lib/http/fast-routes.ts).
 */
export async function viewerEndpoint(request: Request): Promise<Response> {
  let ids: string[];
  try {
    ids = parseQuery(request, viewerQuerySchema).ids;
  } catch (error) {
    if (error instanceof ApiError) return jsonError(error.status, error.message, { field: error.field });
    throw error;
  }
  const { user, setCookie } = await lookupSession(request.headers.get("cookie"), { renew: true });
  const headers = new Headers(PRIVATE);
  if (setCookie) headers.append("set-cookie", setCookie);
  if (!user) return Response.json({ signedIn: false }, { headers });
  return Response.json(await getViewerState(user, ids), { headers });
}
