import { appUrl } from "@/lib/env";
import { jsonError } from "@/lib/http/responses";
import { getSitemapFileCount, getSitemapPapers } from "@/lib/papers/data";
import { paperPath } from "@/lib/papers/urls";
import { SITEMAP_HEADERS, shareSitemap, sitemapUrls } from "@/lib/sitemap/xml";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ file: string }> };

/** GET /sitemaps/papers/<n>.xml: the paper pages of one sitemap file. */
export async function GET(_request: Request, context: Context) {
  shareSitemap();
  const match = /^(\d{1,6})\.xml$/.exec((await context.params).file);
  const file = match ? Number(match[1]) : Number.NaN;
  if (!Number.isInteger(file) || file >= (await getSitemapFileCount())) return jsonError(404, "No such sitemap file.");
  const papers = await getSitemapPapers(file);
  return new Response(
    sitemapUrls(papers.map((paper) => ({ loc: `${appUrl}${paperPath(paper.arxivId)}`, lastmod: paper.updatedAt }))),
    {
      headers: SITEMAP_HEADERS,
    },
  );
}
