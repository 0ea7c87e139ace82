import type { MathBudget } from "@/lib/math/katex";
import type { CommentView, Thread } from "./data";
import { discussionBudget, renderCommentMarkdown } from "./markdown";

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

function toApiComment(comment: CommentView, budget: MathBudget): ApiComment {
  return {
    id: comment.id,
    author: { name: comment.authorName },
    body: comment.body,
    bodyHtml: comment.body === null ? null : renderCommentMarkdown(comment.body, budget),
    upvotes: comment.upvotes,
    createdAt: comment.createdAt.toISOString(),
    editedAt: comment.editedAt?.toISOString() ?? null,
  };
}

/** Threads as GET /api/papers/<id>/comments answers them: one formula budget for the whole answer. */
export function toApiThreads(threads: Thread[]): ApiThread[] {
  const budget = discussionBudget();
  return threads.map((thread) => ({
    ...toApiComment(thread, budget),
    replies: thread.replies.map((reply) => toApiComment(reply, budget)),
  }));
}
