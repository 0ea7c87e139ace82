import { z } from "zod";
import { periodOf } from "@/lib/dates";
import { textAnswer } from "@/lib/http/responses";
import { daySchema } from "@/lib/papers/schema";
import { periodPath } from "@/lib/papers/urls";

const querySchema = z.object({ day: daySchema, kind: z.enum(["day", "week", "month"]).default("day") });

/**
 * GET /papers/date?day=YYYY-MM-DD[&kind=week]: where the feeds' date picker goes (a plain form, so it
 * works before any script has loaded): a 303 to that day's feed, or its week's or month's.
 */
export function GET(request: Request) {
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) {
    return textAnswer(400, "Pick a date as YYYY-MM-DD (for example 2026-04-17).\n");
  }
  return new Response(null, {
    status: 303,
    headers: { location: periodPath(periodOf(query.data.kind, query.data.day)), "cache-control": "no-store" },
  });
}
