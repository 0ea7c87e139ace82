import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { Discussion, type DiscussionComment } from "@/components/comments/discussion";
import { PaperView } from "@/components/papers/paper-view";
import { UpvoteButton } from "@/components/votes/upvote-button";
import { type CommentView, getPaperThreads } from "@/lib/comments/data";
import { discussionBudget, renderCommentMarkdown } from "@/lib/comments/markdown";
import { dayFromDate, formatDay, formatDayLong } from "@/lib/dates";
import { appUrl } from "@/lib/env";
import { decodeSegment } from "@/lib/http/request";
import { shareResponse } from "@/lib/page-cache/collector";
import { getPaper } from "@/lib/papers/data";
import { excerpt } from "@/lib/papers/excerpt";
import { parseArxivId } from "@/lib/papers/schema";
import { citationTags, jsonLdText, scholarlyArticle } from "@/lib/papers/scholarly";
import { arxivAbsUrl, arxivPdfUrl, paperPath, periodPath } from "@/lib/papers/urls";
import { getSimilarPapers } from "@/lib/search/data";

export const dynamic = "force-dynamic";

const DESCRIPTION_LENGTH = 200;

async function load(rawId: string) {
  const arxivId = parseArxivId(decodeSegment(rawId));
  if (!arxivId) notFound();
  if (arxivId !== rawId) permanentRedirect(paperPath(arxivId)); // "2307.04990v2" -> "2307.04990"
  const paper = await getPaper(arxivId);
  if (!paper) notFound();
  return paper;
}

export async function generateMetadata({ params }: PageProps<"/papers/[id]">): Promise<Metadata> {
  const paper = await load((await params).id);
  const description = excerpt(paper.abstract, DESCRIPTION_LENGTH);
  return {
    title: paper.title,
    description,
    // Page metadata replaces the layout's `alternates` whole: the feed link is repeated here.
    alternates: {
      canonical: paperPath(paper.arxivId),
      types: {
        "application/rss+xml": [
          { url: "/feeds/daily.xml", title: "Daily Papers" },
          { url: `/feeds/comments/${paper.arxivId}.xml`, title: "Discussion of this paper" },
        ],
      },
    },
    openGraph: {
      type: "article",
      title: paper.title,
      description,
      url: paperPath(paper.arxivId),
      authors: paper.authors,
      images: [{ url: `${paperPath(paper.arxivId)}/card.png`, width: 1200, height: 630, alt: paper.title }],
    },
    twitter: { card: "summary_large_image", title: paper.title, description },
    // Google Scholar and Zotero read these (Highwire Press tags).
    other: citationTags(paper, appUrl),
  };
}

/** The same for every reader: shared (lib/page-cache) until the paper or one of its similar papers changes. */
export default async function PaperPage({ params }: PageProps<"/papers/[id]">) {
  shareResponse();
  const paper = await load((await params).id);
  const [similar, threads] = await Promise.all([getSimilarPapers(paper.arxivId), getPaperThreads(paper.arxivId)]);
  // One formula budget for the whole discussion (lib/comments/markdown.ts).
  const mathBudget = discussionBudget();
  const shown = (comment: CommentView): DiscussionComment => ({
    id: comment.id,
    authorName: comment.authorName,
    html: comment.body === null ? null : renderCommentMarkdown(comment.body, mathBudget),
    markdown: comment.body,
    upvotes: comment.upvotes,
    posted: formatDay(dayFromDate(comment.createdAt)),
    edited: comment.editedAt ? formatDay(dayFromDate(comment.editedAt)) : null,
  });
  return (
    <>
      <script
        type="application/ld+json"
        // biome-ignore lint/security/noDangerouslySetInnerHtml: JSON with every "<" escaped (jsonLdText)
        dangerouslySetInnerHTML={{ __html: jsonLdText(scholarlyArticle(paper, appUrl)) }}
      />
      <PaperView
        arxivId={paper.arxivId}
        title={paper.title}
        abstract={paper.abstract}
        authors={paper.authors}
        categories={paper.categories}
        published={formatDay(dayFromDate(paper.publishedAt))}
        listedOn={{ label: formatDayLong(paper.feedDay), href: periodPath({ kind: "day", key: paper.feedDay }) }}
        links={{
          arxiv: arxivAbsUrl(paper.arxivId),
          pdf: arxivPdfUrl(paper.arxivId),
          code: paper.githubRepo,
          project: paper.projectPage,
        }}
        similar={similar.map((other) => ({
          arxivId: other.arxivId,
          title: other.title,
          meta: `${other.authorCount} ${other.authorCount === 1 ? "author" : "authors"} · ${formatDay(other.feedDay)} · ▲ ${other.upvotes}`,
        }))}
        upvote={<UpvoteButton arxivId={paper.arxivId} count={paper.upvotes} size="lg" />}
        discussion={
          <Discussion
            arxivId={paper.arxivId}
            total={paper.numComments}
            threads={threads.map((thread) => ({ ...shown(thread), replies: thread.replies.map(shown) }))}
          />
        }
      />
    </>
  );
}
