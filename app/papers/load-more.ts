"use server";

import { headers } from "next/headers";
import type { ReactNode } from "react";
import { z } from "zod";
import { type ActionResult, rateLimited } from "@/lib/auth/action";
import { parsePeriod } from "@/lib/dates";
import { clientIp } from "@/lib/http/request";
import { describeIssues } from "@/lib/ingest/types";
import { getPeriodPage } from "@/lib/papers/data";
import { LIMITS } from "@/lib/rate-limit/limits";
import { consumeInMemory } from "@/lib/rate-limit/shared-counter";
import { cards } from "./feed-page";

const loadMoreSchema = z.object({
  kind: z.enum(["day", "week", "month"]),
  key: z.string().max(20),
  page: z.number().int().min(2).max(999_999),
});

/**
 * The next page of a feed's cards, for "Show more papers" (components/papers/load-more.tsx): the
 * same cards the page's own address renders, appended in place. Open to anyone, as the pages are:
 * validated, and limited per client address like the read API.
 */
export async function loadMorePapersAction(input: unknown): Promise<ActionResult<{ cards: ReactNode; more: boolean }>> {
  const parsed = loadMoreSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid", message: describeIssues(parsed.error.issues) };
  const { kind, key, page } = parsed.data;
  const period = parsePeriod(kind, key);
  if (!period) return { ok: false, error: "invalid", message: `key: not a ${kind}` };
  const limit = await consumeInMemory(LIMITS.apiPerIp, clientIp(await headers()));
  if (!limit.allowed) return rateLimited(limit.retryAfterSeconds);
  const feed = await getPeriodPage(period, page);
  if (page > feed.pageCount) return { ok: false, error: "not_found", message: "There are no more papers in this period." };
  return { ok: true, data: { cards: cards(feed.papers), more: page < feed.pageCount } };
}
