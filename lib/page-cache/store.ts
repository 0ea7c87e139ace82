import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";

/** A response as the page cache keeps it: the bytes, the headers worth replaying, and what it shows. */
export interface StoredResponse {
  headers: Record<string, string>;
  body: Buffer;
  /** The ETag the response was rendered with, if any (kept, so that clients revalidate with it); else one is made. */
  etag?: string;
  tags: readonly string[];
  maxAgeMs: number;
}

export interface CachedEntry extends StoredResponse {
  key: string;
  etag: string;
  storedAt: number;
  /** When a change to something it shows was announced (or its age ran out): it may be served while one request refreshes it. */
  staleSince: number | null;
  gzip: Buffer | null;
}

interface Slot extends CachedEntry {
  bytes: number;
  refreshingSince: number | null;
  lastRefreshAt: number;
}

export type Lookup =
  /** Fresh: serve it. */
  | { kind: "hit"; entry: CachedEntry }
  /** Stale, but another request is refreshing it (or did a moment ago): serve it. */
  | { kind: "stale"; entry: CachedEntry }
  /** Stale, and this request refreshes it: render, then `store` or `settleRefresh`. */
  | { kind: "refresh"; entry: CachedEntry }
  | { kind: "miss" };

export interface PageCacheOptions {
  maxBytes: number;
  /** A stale page is re-rendered at most this often: a page under a stream of upvotes renders once a second, not once a vote. */
  minRefreshIntervalMs?: number;
  /** A refresh that takes longer than this is presumed lost, and the next request tries again. */
  refreshTimeoutMs?: number;
  /** After a failed refresh (a 5xx: database down), the stale copy is served at most this long. */
  staleIfErrorMs?: number;
  now?: () => number;
}

/** Below this size gzip does not pay for itself. */
export const MIN_GZIP_BYTES = 1_024;
/** How long a tag's last invalidation is remembered, to catch a render that raced it (longer than any render). */
const INVALIDATION_MEMORY_MS = 60_000;

export const etagOf = (body: Buffer) => `W/"${createHash("sha1").update(body).digest("base64url").slice(0, 22)}"`;

/**
 * The shared copies of pages, in this process's memory: least recently used first out when the byte
 * budget is full, indexed by tag so that a change retires every copy that shows it.
 *
 * A retired copy is not dropped: it goes stale and is still served while one request renders the new
 * one (stale-while-revalidate), so a burst of upvotes costs one render a second per page, not one per
 * reader. A render that began before a change to what it shows is stored already stale.
 */
export class PageCache {
  readonly #slots = new Map<string, Slot>();
  readonly #byTag = new Map<string, Set<string>>();
  readonly #invalidatedAt = new Map<string, number>();
  #allInvalidatedAt = 0;
  #bytes = 0;
  readonly #maxBytes: number;
  readonly #minRefreshIntervalMs: number;
  readonly #refreshTimeoutMs: number;
  readonly #staleIfErrorMs: number;
  readonly #now: () => number;

  constructor(options: PageCacheOptions) {
    this.#maxBytes = options.maxBytes;
    this.#minRefreshIntervalMs = options.minRefreshIntervalMs ?? 1_000;
    this.#refreshTimeoutMs = options.refreshTimeoutMs ?? 30_000;
    this.#staleIfErrorMs = options.staleIfErrorMs ?? 10 * 60_000;
    this.#now = options.now ?? (() => performance.timeOrigin + performance.now());
  }

  /** This cache's clock (sub-millisecond): a render's start is taken from it, to compare with changes. */
  now(): number {
    return this.#now();
  }

  get size(): number {
    return this.#slots.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  lookup(key: string): Lookup {
    const slot = this.#slots.get(key);
    if (!slot) return { kind: "miss" };
    const now = this.#now();
    // Most recently used last.
    this.#slots.delete(key);
    this.#slots.set(key, slot);
    if (slot.staleSince === null && now - slot.storedAt > slot.maxAgeMs) slot.staleSince = now;
    if (slot.staleSince === null) return { kind: "hit", entry: slot };
    // Stale for too long (refreshes keep failing, or nobody asked for it since): not served again.
    if (now - slot.staleSince > this.#staleIfErrorMs) {
      this.#remove(key);
      return { kind: "miss" };
    }
    const refreshing = slot.refreshingSince !== null && now - slot.refreshingSince < this.#refreshTimeoutMs;
    if (refreshing || now - slot.lastRefreshAt < this.#minRefreshIntervalMs) return { kind: "stale", entry: slot };
    slot.refreshingSince = now;
    slot.lastRefreshAt = now;
    return { kind: "refresh", entry: slot };
  }

  /** The copy for `key`, fresh or stale, without claiming its refresh (for HEAD requests). */
  peek(key: string): CachedEntry | null {
    const slot = this.#slots.get(key);
    if (!slot) return null;
    const now = this.#now();
    if (slot.staleSince === null && now - slot.storedAt > slot.maxAgeMs) slot.staleSince = now;
    return slot.staleSince !== null && now - slot.staleSince > this.#staleIfErrorMs ? null : slot;
  }

  /**
   * Keeps a response rendered for `key`. `renderStartedAt` is when its render began: if something it
   * shows changed after that, the render may have read the old data, so it is kept stale.
   */
  store(key: string, response: StoredResponse, renderStartedAt: number): CachedEntry {
    const previous = this.#slots.get(key);
    if (previous) this.#remove(key);
    let changedAt = this.#allInvalidatedAt;
    for (const tag of response.tags) changedAt = Math.max(changedAt, this.#invalidatedAt.get(tag) ?? 0);
    const now = this.#now();
    const slot: Slot = {
      ...response,
      key,
      etag: response.etag ?? etagOf(response.body),
      storedAt: now,
      staleSince: changedAt >= renderStartedAt ? changedAt : null,
      gzip: null,
      bytes: response.body.length + 1_024,
      refreshingSince: null,
      lastRefreshAt: previous?.lastRefreshAt ?? 0,
    };
    this.#slots.set(key, slot);
    this.#bytes += slot.bytes;
    for (const tag of slot.tags) {
      const keys = this.#byTag.get(tag) ?? new Set<string>();
      keys.add(key);
      this.#byTag.set(tag, keys);
    }
    this.#evict();
    return slot;
  }

  /**
   * A refresh that produced nothing to keep: the page is gone or moved (`gone`: the stale copy must
   * not be served again), or it failed (`error`: the stale copy stays, for a while, and the next
   * request after the refresh interval tries again).
   */
  settleRefresh(key: string, outcome: "gone" | "error"): void {
    const slot = this.#slots.get(key);
    if (!slot) return;
    if (outcome === "gone") this.#remove(key);
    else slot.refreshingSince = null;
  }

  /** Something these tags name changed: every copy showing it goes stale. */
  invalidate(tags: Iterable<string>): void {
    const now = this.#now();
    for (const tag of tags) {
      if (tag === "*") {
        this.invalidateAll();
        continue;
      }
      this.#invalidatedAt.set(tag, now);
      for (const key of this.#byTag.get(tag) ?? []) {
        const slot = this.#slots.get(key);
        if (slot && slot.staleSince === null) slot.staleSince = now;
      }
    }
    this.#forgetOldInvalidations(now);
  }

  invalidateAll(): void {
    const now = this.#now();
    this.#allInvalidatedAt = now;
    for (const slot of this.#slots.values()) slot.staleSince ??= now;
  }

  clear(): void {
    this.#slots.clear();
    this.#byTag.clear();
    this.#bytes = 0;
    this.#allInvalidatedAt = this.#now();
  }

  /** The gzip-compressed body, made once per entry on first request (null when too small to be worth it). */
  gzipOf(entry: CachedEntry): Buffer | null {
    if (entry.body.length < MIN_GZIP_BYTES) return null;
    if (!entry.gzip) {
      entry.gzip = gzipSync(entry.body);
      const slot = this.#slots.get(entry.key);
      if (slot === entry) {
        slot.bytes += entry.gzip.length;
        this.#bytes += entry.gzip.length;
      }
    }
    return entry.gzip;
  }

  #remove(key: string) {
    const slot = this.#slots.get(key);
    if (!slot) return;
    this.#slots.delete(key);
    this.#bytes -= slot.bytes;
    for (const tag of slot.tags) {
      const keys = this.#byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.#byTag.delete(tag);
    }
  }

  #evict() {
    for (const key of this.#slots.keys()) {
      if (this.#bytes <= this.#maxBytes) return;
      this.#remove(key);
    }
  }

  #forgetOldInvalidations(now: number) {
    if (this.#invalidatedAt.size < 10_000) return;
    for (const [tag, at] of this.#invalidatedAt) {
      if (now - at > INVALIDATION_MEMORY_MS) this.#invalidatedAt.delete(tag);
    }
  }
}
