import { searchParamsSchema } from "@/lib/api/schema";
import { appUrl } from "@/lib/env";
import { paperFeedItem } from "@/lib/feeds/items";
import { renderRss } from "@/lib/feeds/rss";
import { ApiError, parseQuery, readFeed } from "@/lib/http/api";
import { searchPapers } from "@/lib/search/data";
import { parseSearchQuery } from "@/lib/search/query";

/** RSS of a search (/feeds/search.xml?q=...): follow a topic in a feed reader. */
export const GET = readFeed(async (request: Request) => {
  const params = parseQuery(request, searchParamsSchema);
  const parsed = parseSearchQuery(params.q);
  if (!parsed.ok) throw new ApiError(400, parsed.message, "q");
  const { hits } = await searchPapers(parsed, { limit: params.limit });
  const q = encodeURIComponent(params.q);
  return renderRss({
    title: `Daily Papers: “${params.q.trim()}”`,
    link: `${appUrl}/papers?q=${q}`,
    self: `${appUrl}/feeds/search.xml?q=${q}`,
    description: `Papers matching “${params.q.trim()}”, most relevant first.`,
    items: hits.map((hit) => paperFeedItem(appUrl, hit)),
  });
});
