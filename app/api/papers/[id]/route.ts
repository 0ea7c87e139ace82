import { toHfPaper } from "@/lib/api/hf-format";
import { ApiError, readApi } from "@/lib/http/api";
import { getPaper } from "@/lib/papers/data";
import { parseArxivId } from "@/lib/papers/schema";

/** GET /api/papers/<arXiv id>: one paper in Hugging Face's format. */
export const GET = readApi(async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const raw = (await context.params).id;
  const arxivId = parseArxivId(raw);
  if (!arxivId) throw new ApiError(400, "not an arXiv id (expected something like 2307.04990)", "id");
  const paper = await getPaper(arxivId);
  if (!paper) throw new ApiError(404, `no paper ${arxivId} here`, "id");
  return toHfPaper(paper);
});
