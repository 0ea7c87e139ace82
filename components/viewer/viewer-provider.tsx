"use client";

import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import type { ViewerState } from "@/lib/viewer/schema";

type SignedIn = Extract<ViewerState, { signedIn: true }>;

/**
 * The reader's own state on a page everyone else sees too (pages are shared copies; see
 * lib/page-cache). Loaded once per page from GET /api/viewer, and only when the `dp_session` hint
 * cookie says there is a session: a signed-out reader's browser makes no request for it.
 *   unknown:   before the page ran its scripts (the server-rendered, signed-out look)
 *   loading:   there is a session; its state is on its way
 *   anonymous: no session (or it expired)
 *   ready:     `viewer` holds the reader's state
 */
export type ViewerStatus = "unknown" | "loading" | "anonymous" | "ready";

interface UpvoteState {
  upvoted: boolean;
  count: number;
}

interface ViewerContext {
  status: ViewerStatus;
  viewer: SignedIn | null;
  /** A paper shown on the page whose upvote state the reader's view needs. */
  register(arxivId: string): void;
  upvotes: ReadonlyMap<string, UpvoteState>;
  setUpvote(arxivId: string, state: UpvoteState): void;
  /** Papers on the reader's reading list, of those the page asked about. */
  saved: ReadonlySet<string>;
  setSaved(arxivId: string, saved: boolean): void;
  /** What the reader follows: "author:Ada Lovelace", "category:cs.CL", "keyword:diffusion". */
  follows: ReadonlySet<string>;
  setFollow(key: string, following: boolean): void;
  setSubscription(subscription: SignedIn["digest"]["subscription"]): void;
}

const Context = createContext<ViewerContext | null>(null);

/** A copy of `set` with `key` in it or not. */
function toggled(set: ReadonlySet<string>, key: string, on: boolean): ReadonlySet<string> {
  const next = new Set(set);
  if (on) next.add(key);
  else next.delete(key);
  return next;
}
export const SESSION_HINT = /(?:^|;\s*)dp_session=1(?:;|$)/;

async function fetchViewer(ids: string[]): Promise<ViewerState> {
  const response = await fetch(`/api/viewer?ids=${encodeURIComponent(ids.join(","))}`, { cache: "no-store" });
  if (!response.ok) throw new Error(`GET /api/viewer answered ${response.status}`);
  return (await response.json()) as ViewerState;
}

export function ViewerProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<ViewerStatus>("unknown");
  const [viewer, setViewer] = useState<SignedIn | null>(null);
  const [upvotes, setUpvotes] = useState<ReadonlyMap<string, UpvoteState>>(new Map());
  const [saved, setSavedIds] = useState<ReadonlySet<string>>(new Set());
  const [follows, setFollows] = useState<ReadonlySet<string>>(new Set());
  const registered = useRef(new Set<string>());
  const known = useRef(new Set<string>());
  const batch = useRef<ReturnType<typeof setTimeout> | null>(null);
  const statusRef = useRef<ViewerStatus>("unknown");

  const load = useCallback(async () => {
    const ids = [...registered.current].filter((id) => !known.current.has(id));
    for (const id of ids) known.current.add(id);
    try {
      const state = await fetchViewer(ids);
      if (!state.signedIn) {
        statusRef.current = "anonymous";
        setStatus("anonymous");
        document.documentElement.removeAttribute("data-session");
        return;
      }
      setViewer(state);
      setUpvotes((previous) => {
        const next = new Map(previous);
        for (const id of ids) next.set(id, { upvoted: state.upvoted.includes(id), count: state.upvotes[id] ?? 0 });
        return next;
      });
      setSavedIds((previous) => {
        const next = new Set(previous);
        for (const id of ids) {
          if (state.saved.includes(id)) next.add(id);
          else next.delete(id);
        }
        return next;
      });
      setFollows(new Set(state.follows));
      statusRef.current = "ready";
      setStatus("ready");
    } catch {
      // The page stays as everyone sees it; the controls still lead to sign-in.
      for (const id of ids) known.current.delete(id);
      statusRef.current = "anonymous";
      setStatus("anonymous");
      document.documentElement.removeAttribute("data-session");
    }
  }, []);

  useEffect(() => {
    if (!SESSION_HINT.test(document.cookie)) {
      statusRef.current = "anonymous";
      setStatus("anonymous");
      document.documentElement.removeAttribute("data-session");
      return;
    }
    statusRef.current = "loading";
    setStatus("loading");
    void load();
  }, [load]);

  const register = useCallback(
    (arxivId: string) => {
      if (registered.current.has(arxivId)) return;
      registered.current.add(arxivId);
      // Papers that appear later (after the first load) are asked for together.
      if (statusRef.current === "ready" && !batch.current) {
        batch.current = setTimeout(() => {
          batch.current = null;
          void load();
        }, 0);
      }
    },
    [load],
  );

  const setUpvote = useCallback((arxivId: string, state: UpvoteState) => {
    setUpvotes((previous) => new Map(previous).set(arxivId, state));
  }, []);

  const setSaved = useCallback((arxivId: string, on: boolean) => setSavedIds((previous) => toggled(previous, arxivId, on)), []);
  const setFollow = useCallback((key: string, on: boolean) => setFollows((previous) => toggled(previous, key, on)), []);

  const setSubscription = useCallback((subscription: SignedIn["digest"]["subscription"]) => {
    setViewer((previous) => (previous ? { ...previous, digest: { ...previous.digest, subscription } } : previous));
  }, []);

  const value = useMemo(
    () => ({ status, viewer, register, upvotes, setUpvote, saved, setSaved, follows, setFollow, setSubscription }),
    [status, viewer, register, upvotes, setUpvote, saved, setSaved, follows, setFollow, setSubscription],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useViewer(): ViewerContext {
  const context = useContext(Context);
  if (!context) throw new Error("useViewer needs a <ViewerProvider> above it");
  return context;
}

/** One paper's upvote state for this reader: the shared page's count until the reader's own arrives. */
export function usePaperUpvote(arxivId: string, sharedCount: number) {
  const { status, register, upvotes, setUpvote } = useViewer();
  useEffect(() => register(arxivId), [arxivId, register]);
  const own = upvotes.get(arxivId);
  return {
    signedIn: status === "ready",
    upvoted: own?.upvoted ?? false,
    count: own?.count ?? sharedCount,
    set: (state: UpvoteState) => setUpvote(arxivId, state),
  };
}

/** Whether a paper is on the reader's reading list (false until their state has loaded). */
export function usePaperSaved(arxivId: string) {
  const { status, register, saved, setSaved } = useViewer();
  useEffect(() => register(arxivId), [arxivId, register]);
  return { signedIn: status === "ready", saved: saved.has(arxivId), set: (on: boolean) => setSaved(arxivId, on) };
}
