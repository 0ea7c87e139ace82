import { renderEmail } from "@/lib/email/render";
import { paperPath } from "@/lib/papers/urls";
import type { ReplyEmailContext } from "./data";

/** Characters of a reply quoted in the email; the rest is on the page. */
const QUOTE_LENGTH = 600;
const SUBJECT_TITLE_LENGTH = 70;

export const replyEmailsUrl = (appUrl: string, token: string) => `${appUrl}/notifications/replies/${token}`;
export const replyEmailsUnsubscribeUrl = (appUrl: string, token: string) =>
  `${appUrl}/api/notifications/replies/unsubscribe?token=${token}`;

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

const dateFormat = new Intl.DateTimeFormat("en-US", {
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
});

export interface ReplyEmail {
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

/**
 * "Someone replied to your comment": the replies quoted as written (Markdown source, escaped like
 * every string in an email: nothing a commenter writes becomes markup), links to each, and a
 * one-click way out.
 */
export function composeReplyEmail(options: { appUrl: string; context: ReplyEmailContext; token: string }): ReplyEmail {
  const { appUrl, context, token } = options;
  const count = context.replyCount;
  const paperUrl = `${appUrl}${paperPath(context.paper.arxivId)}`;
  const title = shorten(context.paper.title, SUBJECT_TITLE_LENGTH);
  const first = context.replies[0]?.authorName ?? "Someone";
  const who = count === 1 ? `${first} replied` : `${count} new replies`;
  const unsubscribe = replyEmailsUnsubscribeUrl(appUrl, token);
  const more = count - context.replies.length;
  const body = renderEmail({
    preheader: `${who} to your comment on “${title}”`,
    blocks: [
      { type: "heading", text: count === 1 ? "A reply to your comment" : `${count} replies to your comment` },
      { type: "paragraph", text: `On “${context.paper.title}”, you wrote:` },
      {
        type: "quote",
        author: "Your comment",
        text: shorten(context.thread.body, QUOTE_LENGTH),
        url: `${paperUrl}#comment-${context.thread.id}`,
      },
      ...context.replies.map((reply) => ({
        type: "quote" as const,
        author: reply.authorName,
        meta: dateFormat.format(reply.createdAt),
        text: shorten(reply.body, QUOTE_LENGTH),
        url: `${paperUrl}#comment-${reply.id}`,
      })),
      ...(more > 0 ? [{ type: "paragraph" as const, text: `And ${more} more on the page.` }] : []),
      { type: "button", label: "Read the discussion", url: `${paperUrl}#comment-${context.thread.id}` },
    ],
    footer: [
      {
        type: "note",
        text: "You get this because you asked for an email when someone replies to your comments; at most one an hour for each of your threads.",
      },
      {
        type: "note",
        text: "Do not want these any more?",
        link: { label: "Stop reply emails with one click", url: unsubscribe },
      },
    ],
  });
  return {
    subject: `${who} to your comment on “${title}”`,
    ...body,
    headers: {
      "List-Unsubscribe": `<${unsubscribe}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      "List-Id": `Daily Papers reply emails <replies.${new URL(appUrl).hostname}>`,
    },
  };
}
