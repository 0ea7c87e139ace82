import { escapeHtml } from "@/lib/html";

/**
 * RSS 2.0, built as text with every value escaped (titles and abstracts are untrusted). Readers
 * render an item's description, and most its title, as HTML (the RSS convention: "entity-encoded
 * HTML"), so these texts are escaped twice: once into HTML that shows them as text, then into XML.
 * Escaped once, "<img onerror>" in an abstract would reach a reader's page as markup.
 */

export interface FeedItem {
  title: string;
  link: string;
  /** Stable across fetches: the paper's URL here. */
  guid: string;
  pubDate: Date;
  description: string;
  /**
   * The description as HTML already (safe: lib/comments/markdown.ts), sent as readers expect HTML;
   * `description` (text) is used when this is absent.
   */
  descriptionHtml?: string;
  /** The authors, each as a dc:creator (RSS 2.0's own <author> wants an email address). */
  authors?: string[];
  categories?: string[];
}

export interface Feed {
  title: string;
  /** The page the feed mirrors. */
  link: string;
  /** The feed's own URL (atom:link rel=self, which validators ask for). */
  self: string;
  description: string;
  items: FeedItem[];
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: characters XML 1.0 forbids
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
export const escapeXml = (value: string) => value.replace(INVALID_XML, "").replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);

/** Text for an element a reader renders as HTML. */
const htmlText = (value: string) => escapeXml(escapeHtml(value));

export function renderRss(feed: Feed): string {
  const items = feed.items
    .map(
      (item) => `    <item>
      <title>${htmlText(item.title)}</title>
      <link>${escapeXml(item.link)}</link>
      <guid isPermaLink="true">${escapeXml(item.guid)}</guid>
      <pubDate>${item.pubDate.toUTCString()}</pubDate>
      <description>${item.descriptionHtml === undefined ? htmlText(item.description) : escapeXml(item.descriptionHtml)}</description>
${(item.authors ?? []).map((author) => `      <dc:creator>${escapeXml(author)}</dc:creator>\n`).join("")}${(item.categories ?? []).map((category) => `      <category>${escapeXml(category)}</category>\n`).join("")}    </item>`,
    )
    .join("\n");
  const lastBuild = new Date(Math.max(0, ...feed.items.map((item) => item.pubDate.getTime())));
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>${htmlText(feed.title)}</title>
    <link>${escapeXml(feed.link)}</link>
    <atom:link href="${escapeXml(feed.self)}" rel="self" type="application/rss+xml"/>
    <description>${htmlText(feed.description)}</description>
    <language>en</language>
    <lastBuildDate>${lastBuild.toUTCString()}</lastBuildDate>
${items}
  </channel>
</rss>
`;
}
