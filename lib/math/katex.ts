/**
 * The one way formulas are rendered, for titles, abstracts and comments alike: KaTeX with `trust` off
 * and bounded output (per formula and per page).
 */
import katex from "katex";

/** KaTeX limits: untrusted input must not be able to blow up rendering time or page size. */
const KATEX_MAX_EXPAND = 100;
const KATEX_MAX_SIZE_EM = 10;
const INLINE_MATH = /(?<!\\)\$([^$]{1,500}?)(?<!\\)\$/g;
/**
 * Alignment cells and rows a formula may hold: a 496-character `\begin{matrix}&&&…` rendered to 274
 * KB of HTML (every cell is markup twice, HTML and MathML). Inline formulas in titles and abstracts
 * have a handful; one with more is shown as its TeX.
 */
const MAX_CELLS = 40;
/** The largest rendered formula kept (an ordinary inline formula is 1–5 KB). */
export const MAX_FORMULA_HTML = 16 * 1024;
/** Rendered formulas one page may hold in all; past it, formulas are shown as their TeX. */
export const PAGE_MATH_BUDGET = 256 * 1024;
/** Formulas kept rendered per process: the same titles and abstracts are shown again and again. */
const RENDERED_CACHE_SIZE = 5_000;

const rendered = new Map<string, string | null>();

/** A formula rendered by KaTeX with the bounds above, or null when it is to be shown as its TeX. */
export function renderMath(tex: string): string | null {
  const known = rendered.get(tex);
  if (known !== undefined) return known;
  let html: string | null = null;
  if ((tex.match(/&|\\\\|\\cr\b/g)?.length ?? 0) <= MAX_CELLS) {
    try {
      html = katex.renderToString(tex, {
        throwOnError: true,
        trust: false, // no \href, \url, \includegraphics, \htmlClass...: nothing that can reach the DOM's attributes
        strict: "ignore",
        maxExpand: KATEX_MAX_EXPAND,
        maxSize: KATEX_MAX_SIZE_EM,
        output: "htmlAndMathml",
      });
    } catch {
      html = null; // not valid TeX: shown as the text it is
    }
  }
  if (html !== null && html.length > MAX_FORMULA_HTML) html = null;
  if (rendered.size >= RENDERED_CACHE_SIZE) rendered.delete(rendered.keys().next().value ?? "");
  rendered.set(tex, html);
  return html;
}

/** What one page has left to spend on rendered formulas. */
export interface MathBudget {
  bytes: number;
}

export type MathPart = { text: string } | { html: string; at: number };

/** Text cut into plain text and rendered formulas, each formula paid from `budget`. */
export function splitMath(text: string, budget: MathBudget): MathPart[] {
  if (!text.includes("$")) return [{ text }];
  const parts: MathPart[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE_MATH)) {
    const html = renderMath(match[1] ?? "");
    if (html === null || html.length > budget.bytes) continue;
    budget.bytes -= html.length;
    parts.push({ text: text.slice(last, match.index) });
    parts.push({ html, at: match.index });
    last = match.index + match[0].length;
  }
  parts.push({ text: text.slice(last) });
  return parts;
}
