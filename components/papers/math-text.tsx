import katex from "katex";
import "katex/dist/katex.min.css";

/** KaTeX limits: untrusted input must not be able to blow up rendering time or page size. */
const KATEX_MAX_EXPAND = 100;
const KATEX_MAX_SIZE_EM = 10;
const INLINE_MATH = /(?<!\\)\$([^$]{1,500}?)(?<!\\)\$/g;

function renderMath(tex: string): string | null {
  try {
    return katex.renderToString(tex, {
      throwOnError: true,
      trust: false, // no \href, \url, \includegraphics, \htmlClass...: nothing that can reach the DOM's attributes
      strict: "ignore",
      maxExpand: KATEX_MAX_EXPAND,
      maxSize: KATEX_MAX_SIZE_EM,
      output: "htmlAndMathml",
    });
  } catch {
    return null; // not valid TeX: shown as the text it is
  }
}

/**
 * Text with `$...$` formulas, as arXiv titles and abstracts have them. Text parts are React text
 * (escaped); formulas are rendered by KaTeX with `trust` off, whose output escapes every character of
 * its input. A formula KaTeX cannot parse is shown verbatim.
 */
export function MathText({ text }: { text: string }) {
  if (!text.includes("$")) return <>{text}</>;
  const parts: React.ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE_MATH)) {
    const html = renderMath(match[1] ?? "");
    if (html === null) continue;
    parts.push(text.slice(last, match.index));
    // biome-ignore lint/security/noDangerouslySetInnerHtml: KaTeX output with trust off, see above
    parts.push(<span key={match.index} dangerouslySetInnerHTML={{ __html: html }} />);
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return <>{parts}</>;
}
