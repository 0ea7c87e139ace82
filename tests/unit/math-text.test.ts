import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MathText } from "@/components/papers/math-text";

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
});
