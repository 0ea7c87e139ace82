import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { PaperView } from "@/components/papers/paper-view";
import { UpvoteButton } from "@/components/votes/upvote-button";
import { dayFromDate, formatDay, formatDayLong } from "@/lib/dates";
import { decodeSegment } from "@/lib/http/request";
import { shareResponse } from "@/lib/page-cache/collector";
import { getPaper } from "@/lib/papers/data";
import { excerpt } from "@/lib/papers/excerpt";
import { parseArxivId } from "@/lib/papers/schema";
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
    alternates: { canonical: paperPath(paper.arxivId) },
    openGraph: { type: "article", title: paper.title, description, url: paperPath(paper.arxivId), authors: paper.authors },
    twitter: { card: "summary", title: paper.title, description },
  };
}

/** The same for every reader: shared (lib/page-cache) until the paper or one of its similar papers changes. */
export default async function PaperPage({ params }: PageProps<"/papers/[id]">) {
  shareResponse();
  const paper = await load((await params).id);
  const similar = await getSimilarPapers(paper.arxivId);
  return (
    <PaperView
      arxivId={paper.arxivId}
      title={paper.title}
      abstract={paper.abstract}
      authors={paper.authors}
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
    />
  );
}
