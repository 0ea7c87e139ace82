import { publicOrigin } from "@/lib/http/public-origin";
import { jsonError, textAnswer } from "@/lib/http/responses";
import { stopReplyEmails } from "@/lib/notifications/mutations";
import { replyEmailTokenSchema } from "@/lib/notifications/schema";

/**
 * The List-Unsubscribe URL of reply emails (RFC 8058), as the digest's: a mail client's one-click
 * POST turns them off and answers 200; a GET (a person, or a scanner opening links) changes nothing
 * and goes to a page that asks.
 */
function token(request: Request): string | null {
  const parsed = replyEmailTokenSchema.safeParse(new URL(request.url).searchParams.get("token"));
  return parsed.success ? parsed.data : null;
}

export async function POST(request: Request) {
  const valid = token(request);
  if (!valid || !(await stopReplyEmails(valid))) return jsonError(404, "Unknown unsubscribe link.");
  return textAnswer(200, "You will get no more reply emails from Daily Papers.\n");
}

export async function GET(request: Request) {
  const valid = token(request);
  if (!valid) return jsonError(404, "Unknown unsubscribe link.");
  return Response.redirect(`${publicOrigin(request.headers.get("host"))}/notifications/replies/${valid}`, 303);
}
