import { cache, Fragment } from "react";
import "katex/dist/katex.min.css";
import { type MathBudget, PAGE_MATH_BUDGET, splitMath } from "@/lib/math/katex";

/** One budget per request (React's cache() is scoped to the server render of one request). */
const pageBudget = cache((): MathBudget => ({ bytes: PAGE_MATH_BUDGET }));

/**
 * Text with `$...$` formulas, as arXiv titles and abstracts have them. Text parts are React text
 * (escaped); formulas are rendered by KaTeX with `trust` off, whose output escapes every character of
 * its input. A formula KaTeX cannot parse, one too large, or one past the page's budget is shown as
 * its TeX.
 */
export function MathText({ text }: { text: string }) {
  if (!text.includes("$")) return <>{text}</>;
  return (
    <>
      {splitMath(text, pageBudget()).map((part, i) =>
        "html" in part ? (
          // biome-ignore lint/security/noDangerouslySetInnerHtml: KaTeX output with trust off, see above
          <span key={part.at} dangerouslySetInnerHTML={{ __html: part.html }} />
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text never move
          <Fragment key={`t${i}`}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}
