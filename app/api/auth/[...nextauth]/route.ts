import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { appUrl } from "@/lib/env";
import { clientIp } from "@/lib/http/request";
import { LIMITS, tooManyMessage } from "@/lib/rate-limit/limits";
import { consumeRateLimits } from "@/lib/rate-limit/mutations";

const handler = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth: string[] }> };

export const GET = (request: Request, context: Context) => handler(request, context);

/**
 * Magic-link requests are rate limited per address and per IP before next-auth sees them. The answer
 * has the shape next-auth's client expects (`{ url }`), pointing at our error page.
 */
export async function POST(request: Request, context: Context) {
  const { nextauth } = await context.params;
  if (nextauth.join("/") === "signin/email") {
    const form = await request
      .clone()
      .formData()
      .catch(() => null);
    const email = String(form?.get("email") ?? "")
      .trim()
      .toLowerCase();
    const limit = await consumeRateLimits([
      [LIMITS.signInPerIp, clientIp(request.headers)],
      ...(email ? ([[LIMITS.signInPerEmail, email]] as const) : []),
    ]);
    if (!limit.allowed) {
      const url = new URL("/auth/error", appUrl);
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
  return handler(request, context);
}
