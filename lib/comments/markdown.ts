import MarkdownIt from "markdown-it";
import { type MathBudget, renderMath } from "@/lib/math/katex";
import { COMMENT_MATH_BUDGET, COMMENT_MAX_FORMULAS, DISCUSSION_MATH_BUDGET } from "./limits";

export { COMMENT_MAX_FORMULAS, DISCUSSION_MATH_BUDGET };

/**
 * Comments are Markdown: links, emphasis, lists, code, quotes, and `$...$` math through the same bounded
 * KaTeX path as titles (lib/math/katex.ts). Raw HTML is off (it is shown as text), images are not
 * rendered (their Markdown stays text), links go only to http(s) and mailto and carry
 * rel="nofollow ugc noopener", headings become plain paragraphs of bold text (a comment is not a
 * document), and nothing a commenter writes can become an attribute other than a link's href.
 */
type RenderEnv = {
  /** What the response has left (shared by every comment of it). */
  budget: MathBudget;
  /** What this comment has left. */
  comment: MathBudget;
  formulas: number;
};

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
  md.renderer.rules.math_inline = (tokens, idx, _options, renderEnv) => {
    const env = renderEnv as unknown as RenderEnv;
    const tex = tokens[idx]?.content ?? "";
    const asText = md.utils.escapeHtml(`$${tex}$`);
    // Each budget is checked before KaTeX runs, not only after.
    if (env.formulas <= 0 || env.comment.bytes <= 0 || env.budget.bytes <= 0) return asText;
    env.formulas -= 1;
    const html = renderMath(tex);
    if (html === null || html.length > env.budget.bytes || html.length > env.comment.bytes) return asText;
    env.budget.bytes -= html.length;
    env.comment.bytes -= html.length;
    return html;
  };
  return md;
}

const renderer = createRenderer();

/** A budget for the comments of one response. */
export const discussionBudget = (): MathBudget => ({ bytes: DISCUSSION_MATH_BUDGET });

/**
 * A comment's Markdown as HTML, safe to put in a page as it is. `budget` is the response's (pass the
 * same object for every comment of a page, API answer or feed); `{ bytes: 0 }` keeps every formula as
 * its TeX (feeds: a reader would show KaTeX's HTML and MathML both).
 */
export function renderCommentMarkdown(markdown: string, budget: MathBudget = discussionBudget()): string {
  const env: RenderEnv = { budget, comment: { bytes: COMMENT_MATH_BUDGET }, formulas: COMMENT_MAX_FORMULAS };
  return renderer.render(markdown, env);
}

/** How many links a comment holds (new accounts may post only a few). */
export function countLinks(markdown: string): number {
  return renderer
    .parse(markdown, {})
    .flatMap((token) => token.children ?? [])
    .filter((token) => token.type === "link_open").length;
}
