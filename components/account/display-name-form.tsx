"use client";

import { useState, useTransition } from "react";
import { setDisplayNameAction } from "@/lib/account/actions";
import { DISPLAY_NAME_MAX_LENGTH } from "@/lib/account/limits";

/** The reader's display name, saved with a button (and said so). */
export function DisplayNameForm({ initial, handle }: { initial: string | null; handle: string }) {
  const [name, setName] = useState(initial ?? "");
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const result = await setDisplayNameAction({ name });
          if (result.ok) setName(result.data.name);
          setStatus(
            result.ok
              ? { ok: true, text: `Saved: your comments now show “${result.data.name}”.` }
              : { ok: false, text: result.message },
          );
        });
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
            setStatus(null);
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
      {status ? (
        <p
          role={status.ok ? "status" : "alert"}
          className={`text-sm ${status.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-600 dark:text-red-400"}`}
        >
          {status.text}
        </p>
      ) : null}
    </form>
  );
}
