"use client";

import { usePathname, useRouter } from "next/navigation";
import { createContext, type ReactNode, useContext, useEffect, useRef, useState, useTransition } from "react";
import { useViewer } from "@/components/viewer/viewer-provider";
import { signInHref } from "@/lib/auth/sign-in-reason";
import {
  deleteCommentAction,
  editCommentAction,
  postCommentAction,
  previewCommentAction,
  reportCommentAction,
  setCommentVoteAction,
} from "@/lib/comments/actions";
import { COMMENT_MAX_LENGTH } from "@/lib/comments/limits";
import { setReplyEmailsAction } from "@/lib/notifications/actions";

interface ReaderState {
  arxivId: string;
  signedIn: boolean;
  own: Set<number>;
  upvoted: Set<number>;
  setUpvoted: (commentId: number, upvoted: boolean) => void;
  /** Whether the reader gets an email when someone replies to their comments (null until known). */
  replyEmails: boolean | null;
  setReplyEmails: (enabled: boolean) => void;
  /** Asks again which comments are the reader's (after they post one). */
  reload: () => void;
}

const Context = createContext<ReaderState | null>(null);

/** What the reader changed on this page: an answer asked for before a change is applied with it redone. */
type LocalChange = { commentId: number; upvoted: boolean } | { replyEmails: boolean };

/**
 * The signed-in reader's own comments and upvotes on this paper, asked once (the page is shared) and
 * again after they post. An answer can be overtaken: one asked before the reader upvoted arrives after
 * the upvote (CI saw it undo one), or after a newer answer. So the reader's changes since an answer was
 * asked are redone on it, and an answer older than one already applied is dropped.
 */
export function DiscussionProvider({ arxivId, children }: { arxivId: string; children: ReactNode }) {
  const { status } = useViewer();
  const [own, setOwn] = useState<Set<number>>(new Set());
  const [upvoted, setUpvotedIds] = useState<Set<number>>(new Set());
  const [replyEmails, setReplyEmailsShown] = useState<boolean | null>(null);
  const [generation, setGeneration] = useState(0);
  const changes = useRef<LocalChange[]>([]);
  const asked = useRef(0);
  const applied = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is the signal to ask again
  useEffect(() => {
    if (status !== "ready") return;
    const request = ++asked.current;
    const changesBefore = changes.current.length;
    void fetch(`/api/papers/${arxivId}/comments/mine`)
      .then((response) =>
        response.ok ? (response.json() as Promise<{ own: number[]; upvoted: number[]; replyEmails: boolean }>) : null,
      )
      .then((state) => {
        if (!state || request < applied.current) return;
        applied.current = request;
        const upvotedNow = new Set(state.upvoted);
        let replyEmailsNow = state.replyEmails;
        for (const change of changes.current.slice(changesBefore)) {
          if ("replyEmails" in change) replyEmailsNow = change.replyEmails;
          else if (change.upvoted) upvotedNow.add(change.commentId);
          else upvotedNow.delete(change.commentId);
        }
        setOwn(new Set(state.own));
        setUpvotedIds(upvotedNow);
        setReplyEmailsShown(replyEmailsNow);
      })
      .catch(() => {});
  }, [status, arxivId, generation]);
  const setUpvoted = (commentId: number, on: boolean) => {
    changes.current.push({ commentId, upvoted: on });
    setUpvotedIds((previous) => {
      const next = new Set(previous);
      if (on) next.add(commentId);
      else next.delete(commentId);
      return next;
    });
  };
  const setReplyEmails = (enabled: boolean) => {
    changes.current.push({ replyEmails: enabled });
    setReplyEmailsShown(enabled);
  };
  const reload = () => setGeneration((value) => value + 1);
  return (
    <Context.Provider
      value={{ arxivId, signedIn: status === "ready", own, upvoted, setUpvoted, replyEmails, setReplyEmails, reload }}
    >
      {children}
    </Context.Provider>
  );
}

function useReader(): ReaderState {
  const context = useContext(Context);
  if (!context) throw new Error("comment tools need a <DiscussionProvider> above them");
  return context;
}

const button =
  "rounded-md px-2 py-1 text-xs font-medium text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800";
const primary = "rounded-lg bg-accent-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-accent-700 disabled:opacity-60";

/** A Markdown editor with a length counter and a preview rendered by the server's own renderer. */
function Editor(props: {
  label: string;
  initial?: string;
  submitLabel: string;
  onSubmit: (body: string) => Promise<string | null>;
  onCancel?: () => void;
}) {
  const [body, setBody] = useState(props.initial ?? "");
  const [preview, setPreview] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const over = body.length > COMMENT_MAX_LENGTH;
  const showPreview = () =>
    startTransition(async () => {
      const result = await previewCommentAction({ body });
      if (result.ok) setPreview(result.data);
      else setProblem(result.message);
    });
  const submit = () =>
    startTransition(async () => {
      setProblem(null);
      const failure = await props.onSubmit(body);
      if (failure) setProblem(failure);
      else {
        setBody("");
        setPreview(null);
      }
    });
  return (
    <div className="mt-3 space-y-2">
      {preview === null ? (
        <textarea
          aria-label={props.label}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          rows={4}
          className="block w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          placeholder="Markdown and $math$ welcome"
        />
      ) : (
        <div
          data-testid="comment-preview"
          className="comment-body rounded-lg border border-dashed border-zinc-300 p-3 text-sm dark:border-zinc-700"
          // biome-ignore lint/security/noDangerouslySetInnerHtml: rendered by the server's comment renderer (raw HTML off)
          dangerouslySetInnerHTML={{ __html: preview }}
        />
      )}
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className={primary} disabled={pending || over || body.trim() === ""} onClick={submit}>
          {props.submitLabel}
        </button>
        <button
          type="button"
          className={button}
          disabled={pending}
          onClick={() => (preview === null ? showPreview() : setPreview(null))}
        >
          {preview === null ? "Preview" : "Write"}
        </button>
        {props.onCancel ? (
          <button type="button" className={button} onClick={props.onCancel}>
            Cancel
          </button>
        ) : null}
        <span className={`ml-auto text-xs ${over ? "text-red-600 dark:text-red-400" : "text-zinc-500 dark:text-zinc-400"}`}>
          {`${body.length.toLocaleString("en-US")} / ${COMMENT_MAX_LENGTH.toLocaleString("en-US")}`}
        </span>
      </div>
      {problem ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {problem}
        </p>
      ) : null}
    </div>
  );
}

/** The box under the discussion: sign in to comment, or write one. */
export function CommentComposer() {
  const { arxivId, signedIn, reload } = useReader();
  const router = useRouter();
  const pathname = usePathname();
  if (!signedIn) {
    return (
      <p className="mt-4 text-sm">
        <a className="font-semibold text-accent-600 underline dark:text-accent-400" href={signInHref(pathname, "comment")}>
          Sign in to comment
        </a>
      </p>
    );
  }
  return (
    <>
      <Editor
        label="Your comment"
        submitLabel="Post comment"
        onSubmit={async (body) => {
          const result = await postCommentAction({ arxivId, body });
          if (!result.ok) return result.message;
          reload();
          router.refresh();
          return null;
        }}
      />
      <ReplyEmailsToggle />
    </>
  );
}

/** "Email me when someone replies to my comments": the reader's setting, for every paper. */
function ReplyEmailsToggle() {
  const { replyEmails, setReplyEmails } = useReader();
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="mt-3 text-sm text-zinc-700 dark:text-zinc-300">
      <label className="inline-flex items-center gap-2">
        <input
          type="checkbox"
          className="size-4 accent-accent-600"
          checked={replyEmails ?? false}
          disabled={replyEmails === null || pending}
          onChange={(event) => {
            const enabled = event.target.checked;
            setReplyEmails(enabled); // at once; put back if the server refuses
            startTransition(async () => {
              const result = await setReplyEmailsAction({ enabled });
              setReplyEmails(result.ok ? result.data.enabled : !enabled);
              setProblem(result.ok ? null : result.message);
            });
          }}
        />
        Email me when someone replies to my comments
      </label>
      {problem ? (
        <p role="alert" className="text-red-600 dark:text-red-400">
          {problem}
        </p>
      ) : null}
    </div>
  );
}

/** What a reader can do with one comment: upvote, reply (to a thread), edit or delete their own, report. */
export function CommentActions(props: { commentId: number; markdown: string; upvotes: number; canReply: boolean }) {
  const { arxivId, signedIn, own, upvoted, setUpvoted, reload } = useReader();
  const router = useRouter();
  const [mode, setMode] = useState<"idle" | "reply" | "edit" | "report">("idle");
  const [count, setCount] = useState(props.upvotes);
  const [note, setNote] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (!signedIn) return null;
  const mine = own.has(props.commentId);
  const voted = upvoted.has(props.commentId);
  const run = (action: () => Promise<{ ok: boolean; message?: string }>, after?: () => void) =>
    startTransition(async () => {
      const result = await action();
      if (!result.ok) setNote(result.message ?? "Something went wrong.");
      else {
        after?.();
        router.refresh();
      }
    });
  return (
    <div className="mt-1">
      <div className="flex flex-wrap gap-1">
        <button
          type="button"
          className={button}
          aria-pressed={voted}
          disabled={pending}
          onClick={() =>
            run(async () => {
              const result = await setCommentVoteAction({ commentId: props.commentId, upvoted: !voted });
              if (result.ok) {
                setUpvoted(props.commentId, result.data.upvoted);
                setCount(result.data.upvotes ?? count);
              }
              return result;
            })
          }
        >
          {voted ? `▲ ${count} · Upvoted` : `▲ ${count} · Upvote`}
        </button>
        {props.canReply ? (
          <button type="button" className={button} onClick={() => setMode(mode === "reply" ? "idle" : "reply")}>
            Reply
          </button>
        ) : null}
        {mine ? (
          <>
            <button type="button" className={button} onClick={() => setMode(mode === "edit" ? "idle" : "edit")}>
              Edit
            </button>
            <button
              type="button"
              className={button}
              disabled={pending}
              onClick={() => {
                if (window.confirm("Delete this comment?")) run(() => deleteCommentAction({ commentId: props.commentId }));
              }}
            >
              Delete
            </button>
          </>
        ) : (
          <button type="button" className={button} onClick={() => setMode(mode === "report" ? "idle" : "report")}>
            Report
          </button>
        )}
      </div>
      {note ? (
        <p role="status" className="mt-1 text-xs text-zinc-600 dark:text-zinc-300">
          {note}
        </p>
      ) : null}
      {mode === "reply" ? (
        <Editor
          label="Your reply"
          submitLabel="Post reply"
          onCancel={() => setMode("idle")}
          onSubmit={async (body) => {
            const result = await postCommentAction({ arxivId, body, parentId: props.commentId });
            if (!result.ok) return result.message;
            setMode("idle");
            reload();
            router.refresh();
            return null;
          }}
        />
      ) : null}
      {mode === "edit" ? (
        <Editor
          label="Edit your comment"
          initial={props.markdown}
          submitLabel="Save"
          onCancel={() => setMode("idle")}
          onSubmit={async (body) => {
            const result = await editCommentAction({ commentId: props.commentId, body });
            if (!result.ok) return result.message;
            setMode("idle");
            router.refresh();
            return null;
          }}
        />
      ) : null}
      {mode === "report" ? (
        <form
          className="mt-2 flex flex-wrap items-center gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            const reason = String(new FormData(event.currentTarget).get("reason") ?? "");
            run(
              () => reportCommentAction({ commentId: props.commentId, reason }),
              () => {
                setMode("idle");
                setNote("Reported. Thank you: an operator will look at it.");
              },
            );
          }}
        >
          <input
            name="reason"
            aria-label="What is wrong with this comment?"
            placeholder="Spam, abuse, off-topic…"
            maxLength={500}
            className="min-w-0 flex-1 rounded-lg border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          />
          <button type="submit" className={primary} disabled={pending}>
            Report
          </button>
        </form>
      ) : null}
    </div>
  );
}
