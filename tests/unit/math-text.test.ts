import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MathText } from "@/components/papers/math-text";
import { MAX_FORMULA_HTML, PAGE_MATH_BUDGET, splitMath } from "@/lib/math/katex";

const render = (text: string) => renderToStaticMarkup(createElement(MathText, { text }));

describe("MathText", () => {
  it("renders $...$ with KaTeX", () => {
    const html = render("Scaling as $O(n^2)$ in time");
    expect(html).toContain('class="katex"');
    expect(html.startsWith("Scaling as ")).toBe(true);
  });

  it("escapes text and never turns it into markup", () => {
    const html = render('<script>alert(1)</script> and <img src=x onerror="alert(1)">');
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;");
  });

  it("keeps markup inside formulas inert and refuses untrusted commands", () => {
    const html = render('$\\href{javascript:alert(1)}{x}$ and $<b onmouseover="alert(1)">$');
    expect(html).not.toContain('href="javascript');
    expect(html).not.toMatch(/<b[\s>]/);
    // The text may appear (escaped, as content); never as an attribute of a tag.
    expect(html).not.toMatch(/<[^>]*\sonmouseover=/);
  });

  it("shows unbalanced or invalid TeX as text", () => {
    expect(render("costs $5 per run")).toBe("costs $5 per run");
    expect(render("bad $\\frac{$ tex")).toBe("bad $\\frac{$ tex");
  });

  it("bounds each formula: a matrix of hundreds of cells is shown as its TeX, not as 274 KB of markup", () => {
    const matrix = `$\\begin{matrix}${"&".repeat(480)}\\end{matrix}$`;
    const started = performance.now();
    const html = render(`Title ${matrix} end`);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(html).not.toContain("katex");
    expect(html.length).toBeLessThan(3_000); // the TeX itself, its & escaped
    // Deep nesting that stays under the cell limit still cannot exceed the per-formula size.
    const nested = `$${"\\frac{1}{".repeat(60)}x${"}".repeat(60)}$`;
    expect(render(nested).length).toBeLessThanOrEqual(MAX_FORMULA_HTML + nested.length);
  });

  it("bounds a page: past its budget, formulas are shown as TeX", () => {
    const budget = { bytes: PAGE_MATH_BUDGET };
    const abstract = Array.from({ length: 300 }, (_, i) => `$x_{${i}}^{2} + \\alpha_{${i}}$`).join(" and ");
    let total = 0;
    let shownAsTex = 0;
    for (let copy = 0; copy < 5; copy++) {
      for (const part of splitMath(abstract, budget)) {
        if ("html" in part) total += part.html.length;
        else shownAsTex += (part.text.match(/\$/g)?.length ?? 0) / 2;
      }
    }
    expect(total).toBeLessThanOrEqual(PAGE_MATH_BUDGET);
    expect(shownAsTex).toBeGreaterThan(0);
  });
});
