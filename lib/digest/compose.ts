import { type Day, formatDay, formatPeriod, type Period } from "@/lib/dates";
import { renderEmail } from "@/lib/email/render";
import { excerpt } from "@/lib/papers/excerpt";
import { paperPath, periodPath } from "@/lib/papers/urls";
import { matchesKeywords } from "./keywords";
import type { DigestFrequency } from "./schema";

/** A candidate paper, already ranked by trending (lib/papers/trending.ts). */
export interface DigestPaper {
  arxivId: string;
  title: string;
  abstract: string;
  authorCount: number;
  upvotes: number;
  feedDay: Day;
  /** In a "for you" digest: why the paper was picked for the reader. */
  why?: string;
}

export interface DigestRecipient {
  frequency: DigestFrequency;
  /** "for_you": `ranked` is already the reader's own ranking (with reasons). */
  mode?: "community" | "for_you";
  keywords: string[];
  token: string;
}

export interface DigestEmail {
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  arxivIds: string[];
}

const DIGEST_EXCERPT_LENGTH = 280;
const SUBJECT_TITLE_LENGTH = 80;

export const preferencesUrl = (appUrl: string, token: string) => `${appUrl}/digest/preferences/${token}`;
export const unsubscribeUrl = (appUrl: string, token: string) => `${appUrl}/api/digest/unsubscribe?token=${token}`;

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/**
 * One subscriber's digest: the top `size` papers of the period that match their keywords, in the
 * given (trending) order. Null when nothing matches: no email is better than an empty one.
 */
export function composeDigest(options: {
  appUrl: string;
  period: Period;
  ranked: readonly DigestPaper[];
  recipient: DigestRecipient;
  size: number;
}): DigestEmail | null {
  const { appUrl, period, recipient } = options;
  // The first `size` that match, in order: no need to test the rest of the period.
  const papers: DigestPaper[] = [];
  for (const paper of options.ranked) {
    if (papers.length >= options.size) break;
    if (matchesKeywords(paper, recipient.keywords)) papers.push(paper);
  }
  const top = papers[0];
  if (!top) return null;
  const when = period.kind === "day" ? formatDay(period.start) : formatPeriod(period).replace(/ \(.*\)$/, "");
  const personal = recipient.mode === "for_you";
  const subject = `${personal ? "Your papers" : "Trending papers"}, ${when}: ${shorten(top.title, SUBJECT_TITLE_LENGTH)}`;
  const manage = preferencesUrl(appUrl, recipient.token);
  const unsubscribe = unsubscribeUrl(appUrl, recipient.token);
  const filtered = recipient.keywords.length ? ` matching “${recipient.keywords.join("”, “")}”` : "";
  const body = renderEmail({
    preheader: `${papers.length} ${personal ? "" : "trending "}${papers.length === 1 ? "paper" : "papers"}${filtered}: ${top.title}`,
    blocks: [
      { type: "heading", text: `${personal ? "Your papers" : "Trending papers"} · ${formatPeriod(period)}` },
      {
        type: "paragraph",
        text: personal
          ? `The ${papers.length === 1 ? "paper" : `${papers.length} papers`} of the period${filtered} closest to what you upvoted, saved and follow, each with the reason.`
          : `The ${papers.length === 1 ? "paper" : `${papers.length} papers`} the community upvoted most${filtered}, ranked by upvotes and recency.`,
      },
      ...papers.map((paper, index) => ({
        type: "paper" as const,
        rank: index + 1,
        title: paper.title,
        url: `${appUrl}${paperPath(paper.arxivId)}`,
        meta: `${paper.authorCount} ${paper.authorCount === 1 ? "author" : "authors"} · ▲ ${paper.upvotes} · ${formatDay(paper.feedDay)}`,
        excerpt: excerpt(paper.abstract, DIGEST_EXCERPT_LENGTH),
        ...(paper.why ? { why: paper.why } : {}),
      })),
      { type: "button", label: "See every paper", url: `${appUrl}${periodPath(period)}` },
    ],
    footer: [
      {
        type: "note",
        text: `You get this ${recipient.frequency} email because you subscribed to Daily Papers.`,
        link: { label: "Change frequency or keywords, or pause", url: manage },
      },
      { type: "note", text: "Do not want it any more?", link: { label: "Unsubscribe with one click", url: unsubscribe } },
    ],
  });
  return {
    subject,
    ...body,
    headers: {
      "List-Unsubscribe": `<${unsubscribe}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      "List-Id": `Daily Papers ${recipient.frequency} digest <${recipient.frequency}.digest.${new URL(appUrl).hostname}>`,
    },
    arxivIds: papers.map((paper) => paper.arxivId),
  };
}
