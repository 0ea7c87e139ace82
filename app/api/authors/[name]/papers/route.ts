import { toHfDailyItem } from "@/lib/api/hf-format";
import { authorPapersParamsSchema } from "@/lib/api/schema";
import { getAuthorPaperRecords } from "@/lib/authors/data";
import { parseAuthorName } from "@/lib/authors/schema";
import { ApiError, parseQuery, readApi } from "@/lib/http/api";
import { decodeSegment } from "@/lib/http/request";

/**
 * GET /api/authors/<name>/papers?p=0&limit=50: an author's papers (the name exactly as papers list
 * it), newest first, in the daily-papers item format.
 */
export const GET = readApi(async (request: Request, context: { params: Promise<{ name: string }> }) => {
  const { p, limit } = parseQuery(request, authorPapersParamsSchema);
  const name = parseAuthorName(decodeSegment((await context.params).name));
  if (!name) throw new ApiError(400, "Not an author name.", "name");
  return (await getAuthorPaperRecords(name, { limit, offset: p * limit })).map(toHfDailyItem);
});
