import "server-only";
import { z } from "zod";
import { appUrl } from "@/lib/env";
import { safeReturnPath } from "@/lib/http/request";
import { textAnswer } from "@/lib/http/responses";
import { isOperatorKey, OPERATOR_COOKIE, OPERATOR_COOKIE_MAX_AGE_SECONDS, operatorCookieValue } from "./operator";

const querySchema = z.object({ key: z.string().max(200), next: z.string().max(2_000).optional() });

/**
 * GET /operator?key=<OPERATOR_KEY>[&next=/path]: sets the operator cookie and goes on to `next` (the
 * local mailbox by default). A wrong or missing key is a 404, as if there were nothing here.
 */
export async function operatorEntrance(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const query = querySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success || !isOperatorKey(query.data.key)) {
    return textAnswer(404, "Not found.");
  }
  const secure = appUrl.startsWith("https:");
  const cookie = `${OPERATOR_COOKIE}=${operatorCookieValue(query.data.key)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${OPERATOR_COOKIE_MAX_AGE_SECONDS}${secure ? "; Secure" : ""}`;
  return new Response(null, {
    status: 303,
    headers: {
      // A path: on whichever name of the app the link was opened, where the cookie was just set.
      location: safeReturnPath(query.data.next, "/dev/mailbox"),
      "set-cookie": cookie,
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
    },
  });
}
