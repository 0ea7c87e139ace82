import { highlightsToHtml } from "@/lib/search/query";

/**
 * Text with search matches in <mark> (styled by `.highlights mark`, app/globals.css). The text is
 * escaped part by part (highlightsToHtml), so nothing a paper holds becomes markup.
 */
export function Highlighted({ text }: { text: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: every part escaped by highlightsToHtml, <mark> its only markup
  return <span className="highlights" dangerouslySetInnerHTML={{ __html: highlightsToHtml(text) }} />;
}
