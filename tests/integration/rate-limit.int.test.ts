import { describe, expect, it } from "vitest";
import { consumeRateLimit, consumeRateLimits } from "@/lib/rate-limit/mutations";

const limit = { name: "test", max: 3, windowSeconds: 60 };

describe("rate limits", () => {
  it("allow up to the limit in a window, then answer how long to wait", async () => {
    const now = new Date("2026-04-01T10:00:15Z");
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await consumeRateLimit(limit, "ada@example.org", now));
    expect(results.map((result) => result.allowed)).toEqual([true, true, true, false]);
    expect(results[3]?.retryAfterSeconds).toBe(45);
  });

  it("start again in the next window and count subjects apart (case-insensitively)", async () => {
    const now = new Date("2026-04-01T10:00:15Z");
    for (let i = 0; i < 3; i++) await consumeRateLimit(limit, "Ada@Example.org", now);
    expect((await consumeRateLimit(limit, "ada@example.org", now)).allowed).toBe(false);
    expect((await consumeRateLimit(limit, "bob@example.org", now)).allowed).toBe(true);
    expect((await consumeRateLimit(limit, "ada@example.org", new Date("2026-04-01T10:01:00Z"))).allowed).toBe(true);
  });

  it("let exactly `max` of many concurrent requests through", async () => {
    const now = new Date("2026-04-01T10:00:00Z");
    const results = await Promise.all(Array.from({ length: 20 }, () => consumeRateLimit(limit, "10.0.0.1", now)));
    expect(results.filter((result) => result.allowed)).toHaveLength(3);
  });

  it("combine limits: the strictest one answers", async () => {
    const now = new Date("2026-04-01T10:00:00Z");
    const loose = { name: "loose", max: 100, windowSeconds: 60 };
    const strict = { name: "strict", max: 1, windowSeconds: 600 };
    expect(
      (
        await consumeRateLimits(
          [
            [loose, "x"],
            [strict, "x"],
          ],
          now,
        )
      ).allowed,
    ).toBe(true);
    const denied = await consumeRateLimits(
      [
        [loose, "x"],
        [strict, "x"],
      ],
      now,
    );
    expect(denied).toMatchObject({ allowed: false, retryAfterSeconds: 600 });
  });
});
