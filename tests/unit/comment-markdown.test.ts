import { describe, expect, it } from "vitest";
import {
  COMMENT_MAX_FORMULAS,
  countLinks,
  DISCUSSION_MATH_BUDGET,
  discussionBudget,
  renderCommentMarkdown,
} from "@/lib/comments/markdown";
import { editCommentSchema, reportCommentSchema } from "@/lib/comments/schema";

describe("comment Markdown", () => {
  it("renders emphasis, lists, code, quotes and links with rel=nofollow ugc noopener", () => {
    const html = renderCommentMarkdown(
      "**Nice** _work_\n\n- one\n- two\n\n> quoted\n\n`x < y`\n\nSee https://arxiv.org/abs/2307.04990",
    );
    expect(html).toContain("<strong>Nice</strong>");
    expect(html).toContain("<em>work</em>");
    expect(html).toContain("<li>one</li>");
    expect(html).toContain("<blockquote>");
    expect(html).toContain("<code>x &lt; y</code>");
    expect(html).toContain('<a href="https://arxiv.org/abs/2307.04990" rel="nofollow ugc noopener" target="_blank">');
  });

  it("renders $...$ with the bounded KaTeX path and leaves a huge matrix as text", () => {
    expect(renderCommentMarkdown("loss $O(n^2)$ here")).toContain('class="katex"');
    const matrix = renderCommentMarkdown(`$\\\\begin{matrix}${"&".repeat(300)}\\\\end{matrix}$`);
    expect(matrix).not.toContain("katex");
  });

  it("renders a bounded number of formulas per comment and per response; the rest stay TeX", () => {
    const formulas = (html: string) => html.match(/class="katex"/g)?.length ?? 0;
    const body = Array.from({ length: 500 }, (_, i) => `$x_{${i}}$`).join(" ");
    const one = renderCommentMarkdown(body);
    expect(formulas(one)).toBe(COMMENT_MAX_FORMULAS);
    expect(one).toContain("$x_{499}$");
    // Nineteen such comments in one response share one budget: the answer stays small.
    const budget = discussionBudget();
    const all = Array.from({ length: 19 }, () => renderCommentMarkdown(body, budget)).join("");
    expect(all.length).toBeLessThan(DISCUSSION_MATH_BUDGET + 19 * body.length * 1.2);
    expect(formulas(all)).toBeLessThan(19 * COMMENT_MAX_FORMULAS);
    expect(budget.bytes).toBeGreaterThanOrEqual(0);
    // A spent budget means no KaTeX at all: formulas come out as their TeX, as the feeds show them.
    expect(renderCommentMarkdown("see $O(n^2)$", { bytes: 0 })).toBe("<p>see $O(n^2)$</p>\n");
  });

  it("keeps every XSS attempt inert: no raw HTML, no images, no script or data links, no handlers", () => {
    const corpus = [
      "<script>alert(1)</script>",
      '<img src=x onerror="alert(1)">',
      "[click](javascript:alert(1))",
      "[click](JAVASCRIPT:alert(1))",
      "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
      "![img](https://evil.example/x.png)",
      '[x](https://ok.example "title" onmouseover="alert(1)")',
      "<a href='javascript:alert(1)'>x</a>",
      "$\\\\href{javascript:alert(1)}{x}$",
      "# heading <b onclick=alert(1)>",
      "[ref]: javascript:alert(1)\n\n[ref]",
    ];
    for (const input of corpus) {
      // The tags of the output (text is escaped; "&lt;img onerror" in text is only text).
      const tags = renderCommentMarkdown(input).match(/<[a-z][^>]*>/gi) ?? [];
      for (const tag of tags) {
        expect(tag, input).not.toMatch(/^<(script|img|iframe|object|embed|svg|style)\b/i);
        expect(tag, input).not.toMatch(/\son\w+\s*=/i);
        expect(tag, input).not.toMatch(/\shref="(?!https?:|mailto:)/i);
      }
    }
    expect(renderCommentMarkdown("<b>bold</b>")).toContain("&lt;b&gt;bold&lt;/b&gt;");
  });

  it("counts links, written or bare", () => {
    expect(countLinks("[a](https://a.example) and https://b.example, not javascript:alert(1)")).toBe(2);
    expect(countLinks("no links")).toBe(0);
  });
});

describe("comment input", () => {
  it("loses bidirectional overrides, zero-width and control characters, as titles do; keeps lines and emoji", () => {
    const parsed = editCommentSchema.parse({ commentId: 1, body: "\u202Eevil\u200B\u2066 text\u0007\r\nnext line 🙂" });
    expect(parsed.body).toBe("evil text\nnext line 🙂");
    expect(editCommentSchema.safeParse({ commentId: 1, body: "\u200B\u202E" }).success).toBe(false);
    expect(reportCommentSchema.parse({ commentId: 1, reason: "\u202Espam" }).reason).toBe("spam");
  });
});
