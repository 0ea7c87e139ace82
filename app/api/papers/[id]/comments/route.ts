import { commentsParamsSchema } from "@/lib/api/schema";
import { getPaperThreads } from "@/lib/comments/data";
import { toApiThreads } from "@/lib/comments/format";
import { ApiError, parseQuery, readApi } from "@/lib/http/api";
import { decodeSegment } from "@/lib/http/request";
import { getPaper } from "@/lib/papers/data";
import { parseArxivId } from "@/lib/papers/schema";

/**
 * GET /api/papers/<arXiv id>/comments?p=0&limit=20: the paper's discussion, threads in the order the
 * page shows them, each with its replies: `{ comments: [...], total, p, limit }`.
 */
export const GET = readApi(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const arxivId = parseArxivId(decodeSegment((await context.params).id));
  if (!arxivId) throw new ApiError(400, "not an arXiv id (expected something like 2307.04990)", "id");
  const { p, limit } = parseQuery(request, commentsParamsSchema);
  if (!(await getPaper(arxivId))) throw new ApiError(404, `no paper ${arxivId} here`, "id");
  const threads = await getPaperThreads(arxivId);
  return { comments: toApiThreads(threads.slice(p * limit, (p + 1) * limit)), total: threads.length, p, limit };
});
