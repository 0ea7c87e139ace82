import { getPaperThreads } from "@/lib/comments/data";
import { renderCommentMarkdown } from "@/lib/comments/markdown";
import { appUrl } from "@/lib/env";
import { renderRss } from "@/lib/feeds/rss";
import { ApiError, readFeed } from "@/lib/http/api";
import { getPaper } from "@/lib/papers/data";
import { parseArxivId } from "@/lib/papers/schema";

/** Items in a paper's comment feed, newest first. */
const FEED_COMMENTS = 50;

/** GET /feeds/comments/<arXiv id>.xml: RSS of a paper's discussion, newest comment first. */
export const GET = readFeed(async (_request: Request, context: { params: Promise<{ file: string }> }) => {
  const match = /^(.+)\.xml$/.exec((await context.params).file);
  const arxivId = match ? parseArxivId(match[1] ?? "") : null;
  if (!arxivId) throw new ApiError(400, "expected /feeds/comments/<arXiv id>.xml", "id");
  const paper = await getPaper(arxivId);
  if (!paper) throw new ApiError(404, `no paper ${arxivId} here`, "id");
  const comments = (await getPaperThreads(arxivId))
    .flatMap((thread) => [thread, ...thread.replies])
    .filter((comment) => comment.body !== null)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    .slice(0, FEED_COMMENTS);
  const page = `${appUrl}/papers/${arxivId}`;
  return renderRss({
    title: `Discussion: ${paper.title}`,
    link: page,
    self: `${appUrl}/feeds/comments/${arxivId}.xml`,
    description: `Comments on “${paper.title}” at Daily Papers, newest first.`,
    items: comments.map((comment) => ({
      title: `${comment.authorName} on ${paper.title}`,
      link: `${page}#comment-${comment.id}`,
      guid: `${page}#comment-${comment.id}`,
      pubDate: comment.createdAt,
      description: comment.body ?? "",
      // Formulas as their TeX: feed readers show KaTeX's HTML and its MathML both (and its CSS not at all).
      descriptionHtml: renderCommentMarkdown(comment.body ?? "", { bytes: 0 }),
      authors: [comment.authorName],
    })),
  });
});
