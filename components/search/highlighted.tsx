import { highlightsToHtml } from "@/lib/search/query";

type HighlightedProps = { text: string; className?: string } & (
  | { as?: "span" | "p"; href?: undefined }
  | { as: "a"; href: string }
);

/**
 * Text with search matches in <mark> (styled by `.highlights mark`, app/globals.css), as the element
 * that holds it (a result's title link, its excerpt's paragraph): no wrapper repeated on every result.
 * The text is escaped part by part (highlightsToHtml), so nothing a paper holds becomes markup.
 */
export function Highlighted({ text, className, as: Tag = "span", href }: HighlightedProps) {
  return (
    <Tag
      href={href}
      className={className ? `highlights ${className}` : "highlights"}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: every part escaped by highlightsToHtml, <mark> its only markup
      dangerouslySetInnerHTML={{ __html: highlightsToHtml(text) }}
    />
  );
}
