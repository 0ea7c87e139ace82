/**
 * What a web process hears of the writes its search copies depend on, so that a search need not ask
 * PostgreSQL whether they changed. The server's change listener (lib/page-cache/invalidation.ts, one
 * connection a process) passes on what the triggers announce: "search" for a write to the vectors or
 * to what papers are found by (an IVF list may have changed), "days" for papers added, deleted or
 * moved to another day (papers may have been added). "*" (an announcement too large, or the listener
 * connecting again after missing some) stands for everything.
 *
 * A copy records the mark of its kind when it was last found current (taken before asking); it is
 * current without asking while the mark has not moved and the listener is live. Without a listener
 * (the worker, scripts, tests) or while it is down, `heardMark` is null: ask every time.
 */

export type HeardKind = "lists" | "papers";

interface HeardState {
  isLive: (() => boolean) | null;
  marks: Record<HeardKind, number>;
}
// On globalThis, as the search state (lib/search/vectors/data.ts): Next.js's bundle and the server's
// own copy of lib/ share it.
const shared = globalThis as unknown as { __searchHeard?: HeardState };
shared.__searchHeard ??= { isLive: null, marks: { lists: 0, papers: 0 } };
const state: HeardState = shared.__searchHeard;

const TAGS: Record<HeardKind, string> = { lists: "search", papers: "days" };

/** Marks every kind as moved: whatever a copy was found current at is no longer known to be. */
function moveAll() {
  for (const kind of Object.keys(state.marks) as HeardKind[]) state.marks[kind] += 1;
}

/** From now on `isLive` tells whether the changes announced reach searchChangesHeard (null: they do not). */
export function hearSearchChanges(isLive: (() => boolean) | null) {
  state.isLive = isLive;
  moveAll();
}

/** An announcement's tags, as the listener heard them (and ["*"] when it connects). */
export function searchChangesHeard(tags: readonly string[]) {
  if (tags.includes("*")) return moveAll();
  for (const kind of Object.keys(TAGS) as HeardKind[]) {
    if (tags.includes(TAGS[kind])) state.marks[kind] += 1;
  }
}

/** The changes of a kind heard so far, or null when this process cannot hear them (then it must ask). */
export function heardMark(kind: HeardKind): number | null {
  return state.isLive?.() ? state.marks[kind] : null;
}
