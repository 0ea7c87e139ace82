"use client";

import { useState } from "react";
import { SaveStatusText, useSaveStatus } from "@/components/ui/save-status";
import { saveNoteAction } from "@/lib/saved/actions";
import { NOTE_MAX_LENGTH } from "@/lib/saved/schema";

/** The reader's note on a saved paper, saved with a button (and said so). */
export function SavedNote({ arxivId, initial, title }: { arxivId: string; initial: string; title: string }) {
  const [note, setNote] = useState(initial);
  const { status, pending, save, clear } = useSaveStatus();
  return (
    <form
      className="mt-2 space-y-1"
      onSubmit={(event) => {
        event.preventDefault();
        save(
          () => saveNoteAction({ arxivId, note }),
          () => "Note saved.",
        );
      }}
    >
      <textarea
        aria-label={`Your note on ${title}`}
        value={note}
        maxLength={NOTE_MAX_LENGTH}
        onChange={(event) => {
          setNote(event.target.value);
          clear();
        }}
        rows={2}
        placeholder="Why you saved it, what to check…"
        className="block w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      />
      <div className="flex items-center gap-2">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md px-2 py-1 text-xs font-semibold text-accent-700 hover:bg-zinc-100 disabled:opacity-60 dark:text-accent-400 dark:hover:bg-zinc-800"
        >
          Save note
        </button>
        <SaveStatusText status={status} as="span" size="text-xs" />
      </div>
    </form>
  );
}
