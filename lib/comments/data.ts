import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { cacheTags, tags } from "@/lib/page-cache/collector";

/** Past this many threads, the most upvoted threads come first (then the oldest). */
export const THREADS_BY_UPVOTES_FROM = 20;

export interface CommentView {
  id: number;
  authorName: string;
  /** The Markdown; null for a deleted comment kept for its replies ("[deleted]"). */
  body: string | null;
  upvotes: number;
  createdAt: Date;
  editedAt: Date | null;
}

export interface Thread extends CommentView {
  replies: CommentView[];
}

interface CommentRow {
  id: number;
  parent_id: number | null;
  author_id: string;
  author_name: string | null;
  body: string;
  upvotes: number;
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
}

/**
 * A commenter as others see them: the display name they chose (/me/settings; or their GitHub name),
 * else a neutral handle made from their account id. Never anything from their email address: the
 * part before the "@" is often the person's name or their address at work.
 */
export const commenterName = (name: string | null, userId: string) =>
  name?.trim() || `reader-${createHash("sha256").update(userId).digest("hex").slice(0, 6)}`;

const view = (row: CommentRow): CommentView => ({
  id: row.id,
  authorName: row.deleted_at ? "[deleted]" : commenterName(row.author_name, row.author_id),
  body: row.deleted_at ? null : row.body,
  upvotes: row.upvotes,
  createdAt: row.created_at,
  editedAt: row.edited_at,
});

/**
 * A paper's discussion as everyone sees it: threads of a comment and its replies, oldest first (the
 * most upvoted threads first once there are many), replies oldest first. Hidden comments are left
 * out; a deleted one stays as "[deleted]" only while it has replies to show.
 */
export async function getPaperThreads(arxivId: string): Promise<Thread[]> {
  // Shared pages and API answers showing these are retired when they change (comments_announce).
  cacheTags(tags.paper(arxivId));
  const rows = await db.$queryRaw<CommentRow[]>`
    SELECT c.id, c.parent_id, c.author_id, u.name AS author_name, c.body, c.upvotes,
           c.created_at, c.edited_at, c.deleted_at
    FROM comments c
    JOIN papers p ON p.id = c.paper_id
    JOIN users u ON u.id = c.author_id
    WHERE p.arxiv_id = ${arxivId} AND c.hidden_at IS NULL
    ORDER BY c.created_at, c.id`;
  const threads = new Map<number, Thread>();
  for (const row of rows) if (row.parent_id === null) threads.set(row.id, { ...view(row), replies: [] });
  for (const row of rows) {
    if (row.parent_id !== null && !row.deleted_at) threads.get(row.parent_id)?.replies.push(view(row));
  }
  const shown = [...threads.values()].filter((thread) => thread.body !== null || thread.replies.length > 0);
  if (shown.length >= THREADS_BY_UPVOTES_FROM)
    shown.sort((a, b) => b.upvotes - a.upvotes || a.createdAt.getTime() - b.createdAt.getTime());
  return shown;
}

/** What a signed-in reader may do in a paper's discussion: their own comments, their upvotes. */
export async function getReaderCommentState(userId: string, arxivId: string): Promise<{ own: number[]; upvoted: number[] }> {
  const rows = await db.$queryRaw<{ id: number; own: boolean; upvoted: boolean }[]>`
    SELECT c.id, c.author_id = ${userId} AS own,
           EXISTS (SELECT 1 FROM comment_votes v WHERE v.comment_id = c.id AND v.user_id = ${userId}) AS upvoted
    FROM comments c JOIN papers p ON p.id = c.paper_id
    WHERE p.arxiv_id = ${arxivId} AND c.deleted_at IS NULL AND c.hidden_at IS NULL
      AND (c.author_id = ${userId} OR EXISTS (SELECT 1 FROM comment_votes v WHERE v.comment_id = c.id AND v.user_id = ${userId}))`;
  return {
    own: rows.filter((row) => row.own).map((row) => row.id),
    upvoted: rows.filter((row) => row.upvoted).map((row) => row.id),
  };
}

/** When an account was made (new accounts may post only a few links). */
export async function getAccountCreatedAt(userId: string): Promise<Date | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { createdAt: true } });
  return user?.createdAt ?? null;
}

export interface ReportedComment {
  id: number;
  arxivId: string;
  paperTitle: string;
  authorId: string;
  authorName: string;
  body: string;
  hidden: boolean;
  authorBanned: boolean;
  reasons: string[];
  /** The text the reports were made about, where it is not the text now. */
  reportedBodies: string[];
  reportedAt: Date;
}

/** What operators have to look at: comments with reports not yet acted on, most reported first. */
export async function getOpenReports(limit = 100): Promise<ReportedComment[]> {
  const rows = await db.$queryRaw<
    {
      id: number;
      arxiv_id: string;
      title: string;
      author_id: string;
      author_name: string | null;
      body: string;
      hidden: boolean;
      banned: boolean;
      reasons: string[];
      reported_bodies: string[];
      reported_at: Date;
    }[]
  >`
    SELECT c.id, p.arxiv_id, p.title, c.author_id, u.name AS author_name, c.body,
           c.hidden_at IS NOT NULL AS hidden,
           EXISTS (SELECT 1 FROM comment_bans b WHERE b.user_id = c.author_id) AS banned,
           array_agg(r.reason ORDER BY r.created_at) AS reasons,
           array_agg(DISTINCT r.reported_body) AS reported_bodies, min(r.created_at) AS reported_at
    FROM comment_reports r
    JOIN comments c ON c.id = r.comment_id
    JOIN papers p ON p.id = c.paper_id
    JOIN users u ON u.id = c.author_id
    WHERE r.resolved_at IS NULL
    GROUP BY c.id, p.arxiv_id, p.title, u.name
    ORDER BY count(*) DESC, min(r.created_at)
    LIMIT ${limit}`;
  return rows.map((row) => ({
    id: row.id,
    arxivId: row.arxiv_id,
    paperTitle: row.title,
    authorId: row.author_id,
    authorName: commenterName(row.author_name, row.author_id),
    body: row.body,
    hidden: row.hidden,
    authorBanned: row.banned,
    reasons: row.reasons,
    // What the reporters read, when it differs from the text now (an edit after a report).
    reportedBodies: row.reported_bodies.filter((body) => body !== row.body),
    reportedAt: row.reported_at,
  }));
}

/** Comments an operator hid, newest first, to restore one if that was a mistake. */
export async function getHiddenComments(limit = 50): Promise<{ id: number; arxivId: string; body: string }[]> {
  const rows = await db.$queryRaw<{ id: number; arxiv_id: string; body: string }[]>`
    SELECT c.id, p.arxiv_id, c.body FROM comments c JOIN papers p ON p.id = c.paper_id
    WHERE c.hidden_at IS NOT NULL ORDER BY c.hidden_at DESC LIMIT ${limit}`;
  return rows.map((row) => ({ id: row.id, arxivId: row.arxiv_id, body: row.body }));
}

/** Users banned from commenting, newest ban first. */
export async function getBannedCommenters(limit = 100): Promise<{ userId: string; name: string; reason: string; since: Date }[]> {
  const rows = await db.$queryRaw<{ user_id: string; name: string | null; reason: string; created_at: Date }[]>`
    SELECT b.user_id, u.name, b.reason, b.created_at
    FROM comment_bans b JOIN users u ON u.id = b.user_id
    ORDER BY b.created_at DESC LIMIT ${limit}`;
  return rows.map((row) => ({
    userId: row.user_id,
    name: commenterName(row.name, row.user_id),
    reason: row.reason,
    since: row.created_at,
  }));
}
