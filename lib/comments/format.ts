import type { CommentView, Thread } from "./data";
import { renderCommentMarkdown } from "./markdown";

export interface ApiComment {
  id: number;
  author: { name: string };
  /** The Markdown as written; null for a deleted comment kept for its replies. */
  body: string | null;
  /** The same, rendered as the page shows it (safe HTML). */
  bodyHtml: string | null;
  upvotes: number;
  createdAt: string;
  editedAt: string | null;
}

export interface ApiThread extends ApiComment {
  replies: ApiComment[];
}

function toApiComment(comment: CommentView): ApiComment {
  return {
    id: comment.id,
    author: { name: comment.authorName },
    body: comment.body,
    bodyHtml: comment.body === null ? null : renderCommentMarkdown(comment.body),
    upvotes: comment.upvotes,
    createdAt: comment.createdAt.toISOString(),
    editedAt: comment.editedAt?.toISOString() ?? null,
  };
}

/** A thread as GET /api/papers/<id>/comments answers it. */
export function toApiThread(thread: Thread): ApiThread {
  return { ...toApiComment(thread), replies: thread.replies.map(toApiComment) };
}
