import { escapeXml } from "@/lib/feeds/rss";
import { cacheTags, shareResponse, tags } from "@/lib/page-cache/collector";

/** A sitemap index (sitemaps.org): the files of the sitemap. */
export function sitemapIndex(files: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${files.map((file) => `  <sitemap><loc>${escapeXml(file)}</loc></sitemap>`).join("\n")}
</sitemapindex>
`;
}

/** One sitemap file: at most 50,000 URLs (the caller keeps to it). */
export function sitemapUrls(urls: { loc: string; lastmod?: Date }[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls
  .map(
    (url) =>
      `  <url><loc>${escapeXml(url.loc)}</loc>${url.lastmod ? `<lastmod>${url.lastmod.toISOString().slice(0, 10)}</lastmod>` : ""}</url>`,
  )
  .join("\n")}
</urlset>
`;
}

export const SITEMAP_HEADERS = {
  "content-type": "application/xml; charset=utf-8",
  "cache-control": "public, max-age=3600",
};

/**
 * Sitemaps are the same for everyone: kept in the shared page cache until a paper comes or goes
 * ('search' is announced then) and at most an hour (a paper's lastmod may move meanwhile).
 */
export function shareSitemap(): void {
  shareResponse({ maxAgeSeconds: 3600 });
  cacheTags(tags.search, tags.days);
}
