import { describe, expect, it } from "vitest";
import { PageCache, type StoredResponse } from "@/lib/page-cache/store";

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const response = (body: string, tags: string[] = ["day:2026-04-01"], maxAgeMs = 60_000): StoredResponse => ({
  headers: { "content-type": "text/html" },
  body: Buffer.from(body),
  tags,
  maxAgeMs,
});

function cacheWith(time = clock(), options: Partial<ConstructorParameters<typeof PageCache>[0]> = {}) {
  return new PageCache({ maxBytes: 10 * 1024 * 1024, now: time.now, ...options });
}

describe("PageCache", () => {
  it("misses, then serves what was stored as a hit with a stable ETag", () => {
    const time = clock();
    const cache = cacheWith(time);
    expect(cache.lookup("/a").kind).toBe("miss");
    cache.store("/a", response("<p>a</p>"), time.now());
    const found = cache.lookup("/a");
    expect(found.kind).toBe("hit");
    if (found.kind !== "hit") throw new Error("expected a hit");
    expect(found.entry.body.toString()).toBe("<p>a</p>");
    expect(found.entry.etag).toMatch(/^W\/"[\w-]{22}"$/);
    cache.store("/b", response("<p>a</p>"), time.now());
    const other = cache.lookup("/b");
    expect(other.kind === "hit" && other.entry.etag).toBe(found.entry.etag);
  });

  it("retires a copy when a tag it shows is invalidated: one request refreshes, the others get the stale copy", () => {
    const time = clock();
    const cache = cacheWith(time);
    cache.store("/day", response("old", ["day:2026-04-01", "days"]), time.now());
    cache.store("/other", response("other", ["day:2026-04-02"]), time.now());
    time.advance(5_000);
    cache.invalidate(["day:2026-04-01"]);
    expect(cache.lookup("/other").kind).toBe("hit");
    expect(cache.lookup("/day").kind).toBe("refresh");
    expect(cache.lookup("/day").kind).toBe("stale");
    expect(cache.lookup("/day").kind).toBe("stale");
    time.advance(1);
    cache.store("/day", response("new", ["day:2026-04-01", "days"]), time.now());
    const found = cache.lookup("/day");
    expect(found.kind).toBe("hit");
    expect(found.kind === "hit" && found.entry.body.toString()).toBe("new");
  });

  it("re-renders a page under a stream of changes at most once per refresh interval", () => {
    const time = clock();
    const cache = cacheWith(time, { minRefreshIntervalMs: 1_000 });
    cache.store("/hot", response("v0", ["paper:1"]), time.now());
    const renders: number[] = [];
    for (let ms = 0; ms < 3_000; ms += 50) {
      time.advance(50);
      cache.invalidate(["paper:1"]);
      const found = cache.lookup("/hot");
      if (found.kind === "refresh") {
        renders.push(ms);
        cache.store("/hot", response(`v${ms}`, ["paper:1"]), time.now());
      }
    }
    expect(renders.length).toBeGreaterThanOrEqual(2);
    expect(renders.length).toBeLessThanOrEqual(4);
    for (let i = 1; i < renders.length; i++) expect((renders[i] ?? 0) - (renders[i - 1] ?? 0)).toBeGreaterThanOrEqual(1_000);
  });

  it("keeps a render that began before a change to what it shows as stale, so the change is not lost", () => {
    const time = clock();
    const cache = cacheWith(time);
    const renderStartedAt = time.now();
    time.advance(10);
    cache.invalidate(["paper:7"]);
    time.advance(10);
    cache.store("/papers/7", response("read before the change", ["paper:7"]), renderStartedAt);
    expect(cache.lookup("/papers/7").kind).toBe("refresh");
    // A render that began after the change is fresh.
    cache.store("/papers/7", response("read after the change", ["paper:7"]), time.now());
    expect(cache.lookup("/papers/7").kind).toBe("hit");
  });

  it("goes stale when its age passes maxAge even if nothing announced a change", () => {
    const time = clock();
    const cache = cacheWith(time);
    cache.store("/trending", response("t", ["day:2026-04-01"], 300_000), time.now());
    time.advance(299_000);
    expect(cache.lookup("/trending").kind).toBe("hit");
    time.advance(2_000);
    expect(cache.lookup("/trending").kind).toBe("refresh");
  });

  it("drops a copy whose refresh says the page is gone, keeps it a while when the refresh failed", () => {
    const time = clock();
    const cache = cacheWith(time, { minRefreshIntervalMs: 1_000, staleIfErrorMs: 60_000 });
    cache.store("/gone", response("x", ["paper:1"]), time.now());
    cache.store("/failing", response("y", ["paper:1"]), time.now());
    cache.invalidate(["paper:1"]);
    expect(cache.lookup("/gone").kind).toBe("refresh");
    cache.settleRefresh("/gone", "gone");
    expect(cache.lookup("/gone").kind).toBe("miss");

    expect(cache.lookup("/failing").kind).toBe("refresh");
    cache.settleRefresh("/failing", "error");
    expect(cache.lookup("/failing").kind).toBe("stale");
    time.advance(1_000);
    expect(cache.lookup("/failing").kind).toBe("refresh");
    cache.settleRefresh("/failing", "error");
    time.advance(60_000);
    expect(cache.lookup("/failing").kind).toBe("miss");
    expect(cache.size).toBe(0);
  });

  it("retires everything on '*'", () => {
    const time = clock();
    const cache = cacheWith(time);
    cache.store("/a", response("a", ["x"]), time.now());
    cache.store("/b", response("b", ["y"]), time.now());
    time.advance(1);
    cache.invalidate(["*"]);
    expect(cache.lookup("/a").kind).toBe("refresh");
    expect(cache.lookup("/b").kind).toBe("refresh");
  });

  it("evicts the least recently used copies beyond its byte budget", () => {
    const time = clock();
    const cache = new PageCache({ maxBytes: 3 * (1_024 + 1_000), now: time.now });
    const page = () => response("x".repeat(1_000));
    cache.store("/1", page(), time.now());
    cache.store("/2", page(), time.now());
    cache.store("/3", page(), time.now());
    expect(cache.lookup("/1").kind).toBe("hit"); // now the most recently used
    cache.store("/4", page(), time.now());
    expect(cache.size).toBe(3);
    expect(cache.lookup("/2").kind).toBe("miss");
    expect(cache.lookup("/1").kind).toBe("hit");
    expect(cache.bytes).toBeLessThanOrEqual(3 * (1_024 + 1_000));
  });

  it("compresses a copy once, counts it against the budget, and skips tiny bodies", () => {
    const time = clock();
    const cache = cacheWith(time);
    const stored = cache.store("/big", response("<p>paper</p>".repeat(500)), time.now());
    const before = cache.bytes;
    const gzip = cache.gzipOf(stored);
    expect(gzip).not.toBeNull();
    expect(cache.gzipOf(stored)).toBe(gzip);
    expect(cache.bytes).toBe(before + (gzip?.length ?? 0));
    expect(cache.gzipOf(cache.store("/tiny", response("<p>hi</p>"), time.now()))).toBeNull();
  });

  it("peeks without claiming the refresh (HEAD requests)", () => {
    const time = clock();
    const cache = cacheWith(time);
    cache.store("/a", response("a", ["t"]), time.now());
    cache.invalidate(["t"]);
    expect(cache.peek("/a")?.staleSince).not.toBeNull();
    expect(cache.lookup("/a").kind).toBe("refresh");
  });
});
