import "server-only";
import NextAuth from "next-auth";
import { readAuthBody, signInIdentifier } from "@/lib/auth/email-identifier";
import { authOptions } from "@/lib/auth/options";
import { appUrl } from "@/lib/env";
import { publicOrigin } from "@/lib/http/public-origin";
import { clientIp } from "@/lib/http/request";
import { rebaseRedirects } from "@/lib/http/request-origin";
import { jsonError } from "@/lib/http/responses";
import { LIMITS, tooManyMessage } from "@/lib/rate-limit/limits";
import { consumeRateLimits } from "@/lib/rate-limit/mutations";

const handler = NextAuth(authOptions);

export type AuthContext = { params: Promise<{ nextauth: string[] }> };

/** next-auth, with its redirects on the name the reader used (lib/http/request-origin.ts). */
const auth = async (request: Request, context: AuthContext, origin = publicOrigin(request.headers.get("host"))) =>
  rebaseRedirects(await handler(request, context), new URL(appUrl).origin, origin);

/** next-auth's GET route (app/api/auth/[...nextauth]/route.ts). */
export const authGet = auth;

/**
 * Magic-link requests are rate limited per address and per IP before next-auth sees them. The answer
 * has the shape next-auth's client expects (`{ url }`), pointing at our error page.
 */
export async function authPost(request: Request, context: AuthContext) {
  const { nextauth } = await context.params;
  const origin = publicOrigin(request.headers.get("host"));
  if (nextauth.join("/") === "signin/email") {
    // The address as next-auth will read and normalise it, whatever the body's type.
    const email = signInIdentifier(await readAuthBody(request));
    const ip = clientIp(request.headers);
    const limit = await consumeRateLimits([
      [LIMITS.signInPerIp, ip],
      ...(email
        ? ([
            [LIMITS.signInPerEmailAndIp, `${email} ${ip}`],
            [LIMITS.signInPerEmail, email],
          ] as const)
        : []),
    ]);
    if (!limit.allowed) {
      const url = new URL("/auth/error", origin);
      url.searchParams.set("error", "RateLimited");
      url.searchParams.set("retryAfter", String(limit.retryAfterSeconds));
      return Response.json(
        {
          url: url.toString(),
          error: { status: 429, message: tooManyMessage(limit.retryAfterSeconds, "sign-in requests") },
        },
        { status: 429, headers: { "retry-after": String(limit.retryAfterSeconds), "cache-control": "no-store" } },
      );
    }
  }
  if (nextauth.join("/") === "session" && !(await isJsonObject(request))) {
    return jsonError(400, "The body must be a JSON object.", { field: "body" });
  }
  return auth(request, context, origin);
}

/**
 * next-auth reads a session update's body as a JSON object (its client sends `{ csrfToken, data }`):
 * anything else, an empty body too, made it fail (500, or 400 "[object Object]").
 */
async function isJsonObject(request: Request): Promise<boolean> {
  const text = await request
    .clone()
    .text()
    .catch(() => null);
  if (text === null) return false;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}
