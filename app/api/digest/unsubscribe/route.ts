import { unsubscribe } from "@/lib/digest/mutations";
import { subscriberTokenSchema } from "@/lib/digest/schema";
import { publicOrigin } from "@/lib/http/public-origin";
import { jsonError, textAnswer } from "@/lib/http/responses";

/**
 * The List-Unsubscribe URL of every digest (RFC 8058). Mail clients POST
 * `List-Unsubscribe=One-Click` to it, with no cookie: that unsubscribes and answers 200, no redirect.
 * A GET (a person or a scanner opening the link) changes nothing and goes to a confirmation page.
 */
function token(request: Request): string | null {
  const parsed = subscriberTokenSchema.safeParse(new URL(request.url).searchParams.get("token"));
  return parsed.success ? parsed.data : null;
}

export async function POST(request: Request) {
  const valid = token(request);
  if (!valid || !(await unsubscribe(valid))) return jsonError(404, "Unknown unsubscribe link.");
  return textAnswer(200, "You are unsubscribed from the Daily Papers digest.\n");
}

export async function GET(request: Request) {
  const valid = token(request);
  if (!valid) return jsonError(404, "Unknown unsubscribe link.");
  return Response.redirect(`${publicOrigin(request.headers.get("host"))}/digest/preferences/${valid}?unsubscribe=1`, 303);
}
