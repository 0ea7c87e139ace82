import { CommentActions, CommentComposer, DiscussionProvider } from "./comment-tools";

export interface DiscussionComment {
  id: number;
  authorName: string;
  /** Safe HTML (lib/comments/markdown.ts); null for "[deleted]". */
  html: string | null;
  /** The Markdown as written (for its author's edit box). */
  markdown: string | null;
  upvotes: number;
  /** Formatted, e.g. "Apr 1, 2026". */
  posted: string;
  edited: string | null;
}

export interface DiscussionThread extends DiscussionComment {
  replies: DiscussionComment[];
}

function Comment({ comment, canReply }: { comment: DiscussionComment; canReply: boolean }) {
  if (comment.html === null) {
    // Deleted, kept for its replies: nothing of it is shown but its place.
    return (
      <p id={`comment-${comment.id}`} data-testid="comment" className="text-sm text-zinc-500 italic dark:text-zinc-400">
        [deleted]
      </p>
    );
  }
  return (
    <article id={`comment-${comment.id}`} data-testid="comment" className="min-w-0">
      <p className="text-sm text-zinc-500 dark:text-zinc-400">
        <span className="font-semibold text-zinc-800 dark:text-zinc-200">{comment.authorName}</span>
        {` · ${comment.posted}`}
        {comment.edited ? ` · edited ${comment.edited}` : ""}
        {` · ${comment.upvotes} ${comment.upvotes === 1 ? "upvote" : "upvotes"}`}
      </p>
      <div
        className="comment-body mt-1 text-sm leading-relaxed break-words text-zinc-800 dark:text-zinc-200"
        // biome-ignore lint/security/noDangerouslySetInnerHtml: Markdown rendered with raw HTML off, links checked (lib/comments/markdown.ts)
        dangerouslySetInnerHTML={{ __html: comment.html }}
      />
      <CommentActions commentId={comment.id} markdown={comment.markdown ?? ""} upvotes={comment.upvotes} canReply={canReply} />
    </article>
  );
}

/** A paper's discussion: threads of a comment and its replies, as everyone sees them. */
export function Discussion({ arxivId, threads, total }: { arxivId: string; threads: DiscussionThread[]; total: number }) {
  return (
    <DiscussionProvider arxivId={arxivId}>
      <section aria-labelledby="discussion-heading" className="mt-10 border-t border-zinc-200 pt-6 dark:border-zinc-800">
        <h2 id="discussion-heading" className="text-lg font-semibold">
          Discussion <span className="text-sm font-normal text-zinc-500 dark:text-zinc-400">({total})</span>
        </h2>
        <ol className="mt-4 space-y-6" data-testid="discussion">
          {threads.map((thread) => (
            <li key={thread.id}>
              <Comment comment={thread} canReply={thread.html !== null} />
              {thread.replies.length > 0 ? (
                <ol className="mt-3 space-y-4 border-l-2 border-zinc-200 pl-4 dark:border-zinc-800">
                  {thread.replies.map((reply) => (
                    <li key={reply.id}>
                      <Comment comment={reply} canReply={false} />
                    </li>
                  ))}
                </ol>
              ) : null}
            </li>
          ))}
        </ol>
        {threads.length === 0 ? <p className="mt-2 text-sm text-zinc-500 dark:text-zinc-400">No comments yet.</p> : null}
        <CommentComposer />
      </section>
    </DiscussionProvider>
  );
}
