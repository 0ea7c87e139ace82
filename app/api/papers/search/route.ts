import { toHfDailyItem } from "@/lib/api/hf-format";
import { searchParamsSchema } from "@/lib/api/schema";
import { ApiError, parseQuery, readApi } from "@/lib/http/api";
import { searchPapers } from "@/lib/search/data";
import { parseSearchQuery } from "@/lib/search/query";

/** GET /api/papers/search?q=...&limit=20[&category=cs.CL]: papers by relevance, in the daily-papers item format. */
export const GET = readApi(async (request: Request) => {
  const params = parseQuery(request, searchParamsSchema);
  const parsed = parseSearchQuery(params.q);
  if (!parsed.ok) throw new ApiError(400, parsed.message, "q");
  const { hits } = await searchPapers(parsed, { limit: params.limit, category: params.category });
  return hits.map(toHfDailyItem);
});
