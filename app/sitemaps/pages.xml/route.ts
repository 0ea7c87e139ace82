import { appUrl } from "@/lib/env";
import { SITEMAP_HEADERS, sitemapUrls } from "@/lib/sitemap/xml";

/** GET /sitemaps/pages.xml: the pages that are not a paper's. */
export function GET() {
  return new Response(sitemapUrls(["/", "/papers/trending", "/papers/submit"].map((path) => ({ loc: `${appUrl}${path}` }))), {
    headers: SITEMAP_HEADERS,
  });
}
