import MarkdownIt from "markdown-it";
import { type MathBudget, renderMath } from "@/lib/math/katex";

/** Formula output one comment may hold (a page of comments shares the page's budget too). */
export const COMMENT_MATH_BUDGET = 64 * 1024;

/**
 * Comments are Markdown: links, emphasis, lists, code, quotes, and `$...$` math through the same bounded
 * KaTeX path as titles (lib/math/katex.ts). Raw HTML is off (it is shown as text), images are not
 * rendered (their Markdown stays text), links go only to http(s) and mailto and carry
 * rel="nofollow ugc noopener", headings become plain paragraphs of bold text (a comment is not a
 * document), and nothing a commenter writes can become an attribute other than a link's href.
 */
function createRenderer() {
  const md = new MarkdownIt("commonmark", { html: false, linkify: true, breaks: true });
  md.enable(["linkify", "strikethrough"]);
  md.disable(["image", "heading", "lheading", "html_block", "html_inline", "reference"]);
  md.validateLink = (url) => /^(https?:|mailto:)/i.test(url.trim());

  const defaultLinkOpen =
    md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    if (token) {
      token.attrSet("rel", "nofollow ugc noopener");
      token.attrSet("target", "_blank");
    }
    return defaultLinkOpen(tokens, idx, options, env, self);
  };

  // $...$ on one line, not preceded by a backslash; rendered by KaTeX, or kept as text when too large.
  md.inline.ruler.after("escape", "math_inline", (state, silent) => {
    if (state.src[state.pos] !== "$") return false;
    const end = state.src.indexOf("$", state.pos + 1);
    if (end < 0 || end === state.pos + 1 || end - state.pos > 501) return false;
    const tex = state.src.slice(state.pos + 1, end);
    if (tex.includes("\n")) return false;
    if (!silent) {
      const token = state.push("math_inline", "", 0);
      token.content = tex;
    }
    state.pos = end + 1;
    return true;
  });
  md.renderer.rules.math_inline = (tokens, idx, _options, env) => {
    const tex = tokens[idx]?.content ?? "";
    const budget = (env as { budget?: MathBudget } | undefined)?.budget ?? { bytes: 0 };
    const html = renderMath(tex);
    if (html === null || html.length > budget.bytes) return md.utils.escapeHtml(`$${tex}$`);
    budget.bytes -= html.length;
    return html;
  };
  return md;
}

const renderer = createRenderer();

/** A comment's Markdown as HTML, safe to put in a page as it is. */
export function renderCommentMarkdown(markdown: string, budget: MathBudget = { bytes: COMMENT_MATH_BUDGET }): string {
  return renderer.render(markdown, { budget });
}

/** How many links a comment holds (new accounts may post only a few). */
export function countLinks(markdown: string): number {
  return renderer
    .parse(markdown, { budget: { bytes: 0 } })
    .flatMap((token) => token.children ?? [])
    .filter((token) => token.type === "link_open").length;
}
