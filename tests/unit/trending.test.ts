import { describe, expect, it } from "vitest";
import { retryDelaySeconds } from "@/lib/email/retry";
import { rankByTrending, TRENDING_GRAVITY, TRENDING_OFFSET_HOURS, trendingScore } from "@/lib/papers/trending";

const at = (iso: string) => new Date(iso);

describe("trending", () => {
  it("is upvotes divided by age (plus an offset) to the power of the gravity", () => {
    const score = trendingScore(100, at("2026-04-01T00:00:00Z"), at("2026-04-01T10:00:00Z"));
    expect(score).toBeCloseTo(100 / (10 + TRENDING_OFFSET_HOURS) ** TRENDING_GRAVITY, 10);
  });

  it("decays: the same upvotes count for less as a paper ages", () => {
    const listed = at("2026-04-01T00:00:00Z");
    expect(trendingScore(50, listed, at("2026-04-01T12:00:00Z"))).toBeGreaterThan(
      trendingScore(50, listed, at("2026-04-03T12:00:00Z")),
    );
  });

  it("lets a newer paper with fewer upvotes overtake an older one, but not a much weaker one", () => {
    const now = at("2026-04-10T00:00:00Z");
    const ranked = rankByTrending(
      [
        { title: "old and popular", upvotes: 100, feedDayStart: at("2026-04-05T00:00:00Z") },
        { title: "new and rising", upvotes: 40, feedDayStart: at("2026-04-09T00:00:00Z") },
        { title: "new and ignored", upvotes: 1, feedDayStart: at("2026-04-09T00:00:00Z") },
      ],
      now,
    );
    expect(ranked.map((p) => p.title)).toEqual(["new and rising", "old and popular", "new and ignored"]);
  });

  it("never treats a paper from the future as infinitely fresh", () => {
    expect(Number.isFinite(trendingScore(5, at("2026-04-02T00:00:00Z"), at("2026-04-01T00:00:00Z")))).toBe(true);
  });
});

describe("digest retry backoff", () => {
  it("doubles from a minute and stops growing at an hour", () => {
    expect([1, 2, 3, 4, 7, 8, 20].map(retryDelaySeconds)).toEqual([60, 120, 240, 480, 3600, 3600, 3600]);
  });
});
