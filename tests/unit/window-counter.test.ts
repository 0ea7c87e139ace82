import { describe, expect, it } from "vitest";
import { isReadEndpoint } from "@/lib/http/read-limit";
import { consumeInMemory } from "@/lib/rate-limit/shared-counter";
import { WindowCounter } from "@/lib/rate-limit/window-counter";

describe("WindowCounter", () => {
  it("counts hits per key within a fixed window, and starts afresh in the next one", () => {
    const counter = new WindowCounter();
    const minute = 60_000;
    const start = 10 * minute;
    expect(counter.hit("a", minute, start + 1).hits).toBe(1);
    expect(counter.hit("a", minute, start + 59_999).hits).toBe(2);
    expect(counter.hit("b", minute, start + 2).hits).toBe(1);
    expect(counter.hit("a", minute, start + minute)).toEqual({ hits: 1, windowStart: start + minute });
  });

  it("forgets counters of windows long over, so memory follows the clients that are active", () => {
    const counter = new WindowCounter();
    for (let i = 0; i < 1_000; i++) counter.hit(`client-${i}`, 1_000, 5_000);
    expect(counter.size).toBe(1_000);
    counter.hit("late", 1_000, 8_000);
    expect(counter.size).toBe(1);
  });
});

describe("consumeInMemory", () => {
  it("allows `max` requests a window, then answers when to come back", async () => {
    const limit = { name: "test:reads", max: 3, windowSeconds: 60 };
    const now = new Date("2026-11-29T12:00:10Z");
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await consumeInMemory(limit, "198.51.100.7", now));
    expect(answers.map((answer) => answer.allowed)).toEqual([true, true, true, false]);
    expect(answers.map((answer) => answer.remaining)).toEqual([2, 1, 0, 0]);
    expect(answers[3]?.retryAfterSeconds).toBe(50);
    expect((await consumeInMemory(limit, "198.51.100.8", now)).allowed).toBe(true);
  });
});

describe("isReadEndpoint", () => {
  it("covers the read API, the feeds and the sitemaps, not sign-in, upvotes, the reader's own state or pages", () => {
    for (const url of [
      "/api/daily_papers?date=2026-04-01",
      "/api/papers/2307.04990",
      "/api/papers/search?q=x",
      "/api/authors/Ada%20Lovelace/papers",
      "/api/papers/2307.04990/comments/mine",
      "/feeds/daily.xml",
      "/sitemap.xml",
      "/sitemaps/papers/1.xml",
    ]) {
      expect(isReadEndpoint("GET", url), url).toBe(true);
    }
    for (const [method, url] of [
      ["GET", "/api/auth/session"],
      ["POST", "/api/papers/2307.04990/upvote"],
      ["GET", "/api/viewer?ids=2307.04990"],
      ["GET", "/api/viewer"],
      ["GET", "/api/health/ready"],
      ["GET", "/papers/2307.04990"],
      ["POST", "/api/daily_papers"],
    ] as const) {
      expect(isReadEndpoint(method, url), `${method} ${url}`).toBe(false);
    }
  });
});
