"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/auth/action";

export interface SaveStatus {
  ok: boolean;
  text: string;
}

/**
 * A form that saves with a button and says so (the display name, a saved paper's note): runs the
 * action in a transition, then keeps what to say, success or the action's message, until `clear`.
 */
export function useSaveStatus() {
  const [status, setStatus] = useState<SaveStatus | null>(null);
  const [pending, startTransition] = useTransition();
  const save = <T,>(run: () => Promise<ActionResult<T>>, saidOnSuccess: (data: T) => string, onSaved?: (data: T) => void) =>
    startTransition(async () => {
      const result = await run();
      if (result.ok) onSaved?.(result.data);
      setStatus(result.ok ? { ok: true, text: saidOnSuccess(result.data) } : { ok: false, text: result.message });
    });
  return { status, pending, save, clear: () => setStatus(null) };
}

/** What useSaveStatus says: a status when saved, an alert when not. */
export function SaveStatusText({
  status,
  as: Tag = "p",
  size = "text-sm",
}: {
  status: SaveStatus | null;
  as?: "p" | "span";
  size?: string;
}) {
  if (!status) return null;
  return (
    <Tag
      role={status.ok ? "status" : "alert"}
      className={`${size} ${status.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-600 dark:text-red-400"}`}
    >
      {status.text}
    </Tag>
  );
}
