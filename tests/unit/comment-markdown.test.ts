import { describe, expect, it } from "vitest";
import { countLinks, renderCommentMarkdown } from "@/lib/comments/markdown";

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
