"use server";

import { ActionError, authAction } from "@/lib/auth/action";
import { today } from "@/lib/dates";
import { ArxivUnavailableError, fetchArxivByIds } from "@/lib/ingest/arxiv-api";
import { getPaper } from "@/lib/papers/data";
import { insertSubmittedPaper } from "@/lib/papers/mutations";
import { describeWait, LIMITS } from "@/lib/rate-limit/limits";
import { consumeRateLimit } from "@/lib/rate-limit/mutations";
import { type SubmissionResult, submissionSchema } from "./schema";

/**
 * A signed-in reader submits a paper by arXiv id or URL: already here -> a link to it; otherwise it is
 * fetched from arXiv's API and listed on today's feed, up to a daily number per reader.
 */
export const submitPaperAction = authAction(submissionSchema, async (user, { input: arxivId }): Promise<SubmissionResult> => {
  const existing = await getPaper(arxivId);
  if (existing) return { status: "exists", arxivId, title: existing.title };
  const limit = await consumeRateLimit(LIMITS.submissionsPerUser, user.id);
  if (!limit.allowed) {
    throw new ActionError(
      "rate_limited",
      `You have submitted ${LIMITS.submissionsPerUser.max} papers today (UTC), the daily limit. Try again ${describeWait(limit.retryAfterSeconds)}.`,
      limit.retryAfterSeconds,
    );
  }
  let fetched: Awaited<ReturnType<typeof fetchArxivByIds>>;
  try {
    fetched = await fetchArxivByIds([arxivId], { feedDay: today() });
  } catch (error) {
    if (error instanceof ArxivUnavailableError) throw new ActionError("server", `${error.message} Try again in a few minutes.`);
    throw error;
  }
  const paper = fetched.papers[0];
  if (!paper) {
    const reason = fetched.rejected[0]?.reason ?? "arXiv has no paper with this id";
    throw new ActionError("not_found", `Could not add ${arxivId}: ${reason}.`);
  }
  const added = await insertSubmittedPaper(paper, user.id);
  return { status: added ? "added" : "exists", arxivId, title: paper.title };
});
