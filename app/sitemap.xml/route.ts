import { appUrl } from "@/lib/env";
import { getSitemapFileCount } from "@/lib/papers/data";
import { SITEMAP_HEADERS, shareSitemap, sitemapIndex } from "@/lib/sitemap/xml";

export const dynamic = "force-dynamic";

/** GET /sitemap.xml: the sitemap index, one file per 50,000 papers (robots.txt points here). */
export async function GET() {
  shareSitemap();
  const count = await getSitemapFileCount();
  const files = [
    `${appUrl}/sitemaps/pages.xml`,
    ...Array.from({ length: count }, (_, i) => `${appUrl}/sitemaps/papers/${i}.xml`),
  ];
  return new Response(sitemapIndex(files), { headers: SITEMAP_HEADERS });
}
