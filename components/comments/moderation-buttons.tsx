"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { banCommenterAction, setCommentHiddenAction, unbanCommenterAction } from "@/lib/comments/moderation-actions";

const button =
  "rounded-md border border-zinc-300 px-2 py-1 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800";

/** Hide or restore a comment; ban its author. */
export function ModerationButtons(props: { commentId: number; hidden: boolean; authorId?: string; authorBanned?: boolean }) {
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (action: () => Promise<{ ok: boolean; message?: string }>) =>
    startTransition(async () => {
      const result = await action();
      if (!result.ok) setProblem(result.message ?? "Something went wrong.");
      else router.refresh();
    });
  return (
    <div className="mt-2 flex flex-wrap items-center gap-2">
      <button
        type="button"
        className={button}
        disabled={pending}
        onClick={() => run(() => setCommentHiddenAction({ commentId: props.commentId, hidden: !props.hidden }))}
      >
        {props.hidden ? "Restore" : "Hide"}
      </button>
      {props.authorId && !props.authorBanned ? (
        <button
          type="button"
          className={button}
          disabled={pending}
          onClick={() => run(() => banCommenterAction({ userId: props.authorId ?? "", reason: `comment ${props.commentId}` }))}
        >
          Ban the author from commenting
        </button>
      ) : null}
      {props.authorBanned ? <span className="text-sm text-zinc-500 dark:text-zinc-400">Author banned</span> : null}
      {problem ? (
        <p role="alert" className="w-full text-sm text-red-600 dark:text-red-400">
          {problem}
        </p>
      ) : null}
    </div>
  );
}

/** Lift a commenting ban. */
export function UnbanButton({ userId }: { userId: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <button
      type="button"
      className={button}
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          const result = await unbanCommenterAction({ userId });
          if (result.ok) router.refresh();
        })
      }
    >
      Lift the ban
    </button>
  );
}
