import type { Day, Period } from "@/lib/dates";

/**
 * A calendar beside the feed's previous/next arrows: pick a day, go to its feed (or its week's or
 * month's). A plain GET form (app/papers/date/route.ts): it works before any script has loaded,
 * and the browser's own date input is the calendar, keyboard and screen readers included.
 */
export function DatePicker({ kind, value, max }: { kind: Period["kind"]; value: Day; max: Day | null }) {
  return (
    <form action="/papers/date" method="get" className="flex items-center gap-2" aria-label="Go to a date">
      <label htmlFor="feed-date" className="sr-only">
        Date
      </label>
      {/* Focus sits in the input's own fields (day, month, year): the ring is drawn around the whole input. */}
      <input
        id="feed-date"
        type="date"
        name="day"
        required
        defaultValue={value}
        max={max ?? undefined}
        className="h-9 rounded-lg border border-zinc-300 bg-white px-2 text-sm focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-accent-500 dark:border-zinc-700 dark:bg-zinc-900 dark:[color-scheme:dark]"
      />
      {kind === "day" ? null : <input type="hidden" name="kind" value={kind} />}
      <button
        type="submit"
        className="h-9 rounded-lg border border-zinc-300 px-3 text-sm font-semibold hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900"
      >
        Go
      </button>
    </form>
  );
}
