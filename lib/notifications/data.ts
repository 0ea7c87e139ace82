import "server-only";
import { commenterName } from "@/lib/comments/data";
import { db } from "@/lib/db";
import type { ClaimedReplyNotification } from "./mutations";

/** Replies told of in one email; the rest are counted and one click away. */
export const REPLIES_PER_EMAIL = 10;

export interface ReplyEmailReply {
  id: number;
  authorName: string;
  /** The Markdown as written. */
  body: string;
  createdAt: Date;
}

export interface ReplyEmailContext {
  recipient: { email: string | null; replyEmails: boolean; token: string | null };
  paper: { arxivId: string; title: string };
  /** The recipient's comment the replies answer. */
  thread: { id: number; body: string; visible: boolean };
  /** The visible replies by others from `sinceReplyId` on, oldest first (at most REPLIES_PER_EMAIL). */
  replies: ReplyEmailReply[];
  /** How many there are in all. */
  replyCount: number;
  /** The newest of them: later replies are the next email's. */
  throughReplyId: number;
}

/** What a claimed reply email needs, read when it is sent (replies deleted or hidden since drop out). */
export async function getReplyEmailContext(claimed: ClaimedReplyNotification): Promise<ReplyEmailContext | null> {
  const [head] = await db.$queryRaw<
    {
      email: string | null;
      reply_emails: boolean;
      reply_email_token: string | null;
      arxiv_id: string;
      title: string;
      body: string;
      visible: boolean;
    }[]
  >`
    SELECT u.email, u.reply_emails, u.reply_email_token, p.arxiv_id, p.title, t.body,
           (t.deleted_at IS NULL AND t.hidden_at IS NULL) AS visible
    FROM users u, comments t JOIN papers p ON p.id = t.paper_id
    WHERE u.id = ${claimed.recipientId} AND t.id = ${claimed.threadId}`;
  if (!head) return null;
  const replies = await db.$queryRaw<
    {
      id: number;
      author_id: string;
      author_name: string | null;
      body: string;
      created_at: Date;
      total: bigint;
      newest: number;
    }[]
  >`
    SELECT c.id, c.author_id, a.name AS author_name, c.body, c.created_at,
           count(*) OVER () AS total, max(c.id) OVER () AS newest
    FROM comments c JOIN users a ON a.id = c.author_id
    WHERE c.parent_id = ${claimed.threadId} AND c.id >= ${claimed.sinceReplyId} AND c.author_id <> ${claimed.recipientId}
      AND c.deleted_at IS NULL AND c.hidden_at IS NULL
    ORDER BY c.id
    LIMIT ${REPLIES_PER_EMAIL}`;
  return {
    recipient: { email: head.email, replyEmails: head.reply_emails, token: head.reply_email_token },
    paper: { arxivId: head.arxiv_id, title: head.title },
    thread: { id: claimed.threadId, body: head.body, visible: head.visible },
    replies: replies.map((row) => ({
      id: row.id,
      authorName: commenterName(row.author_name, row.author_id),
      body: row.body,
      createdAt: row.created_at,
    })),
    replyCount: Number(replies[0]?.total ?? 0),
    throughReplyId: replies[0]?.newest ?? claimed.sinceReplyId,
  };
}

/** The reader's reply-email setting, for the discussion's checkbox. */
export async function getReplyEmailsSetting(userId: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { replyEmails: true } });
  return user?.replyEmails ?? false;
}

/** Whether a one-click link is known, and the setting it controls, for its confirmation page. */
export async function getReplyEmailsByToken(token: string): Promise<{ email: string | null; enabled: boolean } | null> {
  const user = await db.user.findUnique({ where: { replyEmailToken: token }, select: { email: true, replyEmails: true } });
  return user ? { email: user.email, enabled: user.replyEmails } : null;
}
