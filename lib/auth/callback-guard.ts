import type { IncomingMessage, ServerResponse } from "node:http";
import { sendError } from "@/lib/http/guards";
import { isCrossSite, webHeaders } from "@/lib/http/request";

const EMAIL_CALLBACK = /^\/api\/auth\/callback\/email(?:\?|$)/;

/**
 * The one-time sign-in token is spent only by the "Sign in" button of /auth/confirm (a same-site POST).
 * next-auth also signs in on a plain GET of its callback URL, which a mail scanner, a prefetch or a
 * link on another site can make (with an attacker's own token: login CSRF, the victim signed in to
 * the attacker's account). A GET is sent to the confirmation page instead, its token unspent; a
 * cross-site POST is refused.
 */
export function guardEmailCallback(request: IncomingMessage, response: ServerResponse): boolean {
  const url = request.url ?? "/";
  if (!EMAIL_CALLBACK.test(url)) return false;
  if (request.method === "GET" || request.method === "HEAD") {
    const query = url.includes("?") ? url.slice(url.indexOf("?")) : "";
    response.writeHead(303, { location: `/auth/confirm${query}`, "cache-control": "no-store", "referrer-policy": "no-referrer" });
    response.end();
    return true;
  }
  if (isCrossSite(webHeaders(request))) {
    sendError(request, response, 403, "Sign-in links are confirmed on this site only.");
    return true;
  }
  return false;
}
