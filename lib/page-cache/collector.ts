import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What a response declares about itself while it is rendered, for the shared page cache in front of
 * Next.js (lib/page-cache/handler.ts): whether it is the same for every reader (`shareResponse`), what
 * it shows (`cacheTags`: "paper:2307.04990", "day:2026-04-01"...), and whether anything of one reader
 * went into it after all (`markPrivate`, which getCurrentUser() calls). Only a response that was
 * declared shared and never marked private is kept, and only until a change to something it shows.
 *
 * The store lives on globalThis: our server (scripts/server.ts, run by tsx) and the Next.js server
 * bundle each load their own copy of this module, and must meet on one AsyncLocalStorage.
 */
export interface ResponseCacheInfo {
  shared: boolean;
  private: boolean;
  tags: Set<string>;
  /** How long the copy may be served without a change telling it is stale (a backstop). */
  maxAgeSeconds: number;
  /** A page of one reader whose forms work before its scripts: they may wait as a shared page's do. */
  deferScripts: boolean;
}

const KEY = Symbol.for("daily-papers.page-cache.collector");
const globalStore = globalThis as unknown as { [KEY]?: AsyncLocalStorage<ResponseCacheInfo> };
globalStore[KEY] ??= new AsyncLocalStorage<ResponseCacheInfo>();
const storage = globalStore[KEY];

/** Default backstop: a copy is re-rendered at least this often even if no change was announced. */
export const DEFAULT_MAX_AGE_SECONDS = 15 * 60;

export function newResponseInfo(): ResponseCacheInfo {
  return { shared: false, private: false, tags: new Set(), maxAgeSeconds: DEFAULT_MAX_AGE_SECONDS, deferScripts: false };
}

/** Runs the handling of one request with a collector (called by the page cache's HTTP handler). */
export function collectResponseInfo<T>(info: ResponseCacheInfo, fn: () => T): T {
  return storage.run(info, fn);
}

/** This response is the same for every reader and may be served to all of them until `tags` change. */
export function shareResponse(options: { maxAgeSeconds?: number } = {}): void {
  const info = storage.getStore();
  if (!info) return;
  info.shared = true;
  if (options.maxAgeSeconds !== undefined) info.maxAgeSeconds = Math.min(info.maxAgeSeconds, options.maxAgeSeconds);
}

/** What the response shows, so that a change to any of it retires the shared copy. */
export function cacheTags(...tags: string[]): void {
  const info = storage.getStore();
  if (!info) return;
  for (const tag of tags) info.tags.add(tag);
}

/** Something of one reader went into this response: it must never be shared. */
export function markPrivate(): void {
  const info = storage.getStore();
  if (info) info.private = true;
}

/**
 * This page works before its scripts have loaded (links, and forms that post without them): even when
 * it is not shared, its scripts wait for the reader's first tap or key, as a shared page's do
 * (lib/page-cache/defer-hydration.ts). A reader with a session gets them at once either way.
 */
export function deferScripts(): void {
  const info = storage.getStore();
  if (info) info.deferScripts = true;
}

/** The tags every response of the app speaks, built in one place so writers and readers agree. */
export const tags = {
  paper: (arxivId: string) => `paper:${arxivId}`,
  day: (day: string) => `day:${day}`,
  /** Which days have papers (previous/next links, the latest day): changes when papers come or go. */
  days: "days",
  /** Every search result list: any paper added or removed can change any of them. */
  search: "search",
  /** Everything, as a change too large to list announces itself. */
  all: "*",
} as const;
