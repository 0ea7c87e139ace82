"use client";

import { useState } from "react";
import { SaveStatusText, useSaveStatus } from "@/components/ui/save-status";
import { setDisplayNameAction } from "@/lib/account/actions";
import { DISPLAY_NAME_MAX_LENGTH } from "@/lib/account/limits";

/** The reader's display name, saved with a button (and said so). */
export function DisplayNameForm({ initial, handle }: { initial: string | null; handle: string }) {
  const [name, setName] = useState(initial ?? "");
  const { status, pending, save, clear } = useSaveStatus();
  return (
    <form
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        save(
          () => setDisplayNameAction({ name }),
          (saved) => `Saved: your comments now show “${saved.name}”.`,
          (saved) => setName(saved.name),
        );
      }}
    >
      <label htmlFor="display-name" className="block text-sm font-semibold">
        Display name
      </label>
      <p id="display-name-help" className="text-sm text-zinc-600 dark:text-zinc-300">
        Shown beside your comments, in their feeds and in reply emails. Until you choose one, others see “{handle}”; never your
        email address.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <input
          id="display-name"
          name="name"
          value={name}
          maxLength={DISPLAY_NAME_MAX_LENGTH}
          aria-describedby="display-name-help"
          onChange={(event) => {
            setName(event.target.value);
            clear();
          }}
          className="w-72 max-w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
        <button
          type="submit"
          disabled={pending}
          className="rounded-lg bg-accent-600 px-3 py-2 text-sm font-semibold text-white hover:bg-accent-700 disabled:opacity-60"
        >
          Save
        </button>
      </div>
      <SaveStatusText status={status} />
    </form>
  );
}
