import { describe, expect, it } from "vitest";
import { canonicalTarget } from "@/lib/http/canonical";

describe("canonicalTarget", () => {
  it("spells a path as Next.js will route it: unreserved escapes decoded, dot and empty segments resolved", () => {
    for (const [given, canonical] of [
      ["/api/auth/callback/%65mail?token=t&email=e", "/api/auth/callback/email?token=t&email=e"],
      ["/x/%2e%2e/api/daily_papers", "/api/daily_papers"],
      ["/x/%2E%2E/api/daily_papers?date=2026-04-01", "/api/daily_papers?date=2026-04-01"],
      ["/x/../api/authors/A/papers", "/api/authors/A/papers"],
      ["/../../api/daily_papers", "/api/daily_papers"],
      ["/api//auth/./callback/email", "/api/auth/callback/email"],
      ["/papers/2604%2E26951", "/papers/2604.26951"],
      ["/authors/Jos%c3%a9%20Garc%C3%ADa", "/authors/Jos%C3%A9%20Garc%C3%ADa"],
      ["/papers/date/2026-04-01/.", "/papers/date/2026-04-01/"],
    ]) {
      expect(canonicalTarget(given ?? ""), given).toBe(canonical);
    }
  });

  it("keeps what changes the meaning: reserved escapes, the trailing slash, the API's own parameters", () => {
    for (const target of [
      "/authors/A%2FB",
      "/authors/Jos%C3%A9",
      "/papers/",
      "/api/daily_papers?date=2026-04-01&cb=1",
      "/feeds/search.xml?q=a&x=1",
      "/papers?q=diffusion%20models&page=2&category=cs.CV",
      "/papers/date/2026-04-01?_rsc=abc12",
      "/_next/static/chunks/a.js?v=1",
    ]) {
      expect(canonicalTarget(target), target).toBe(target);
    }
  });

  it("drops the query parameters a shared page does not read, so they cannot make new copies of it", () => {
    expect(canonicalTarget("/papers/date/2026-04-01?cb=1")).toBe("/papers/date/2026-04-01");
    expect(canonicalTarget("/?utm_source=x&cb=2")).toBe("/");
    expect(canonicalTarget("/papers/2604.26951?cb=1&x")).toBe("/papers/2604.26951");
    expect(canonicalTarget("/papers?q=a&cb=1&page=2")).toBe("/papers?q=a&page=2");
    expect(canonicalTarget("/authors/Ada?page=2&cb=%ff")).toBe("/authors/Ada?page=2");
    expect(canonicalTarget("/papers/week/2026-W14/page/2?cb=1")).toBe("/papers/week/2026-W14/page/2");
    expect(canonicalTarget("/feeds/daily.xml?cb=1")).toBe("/feeds/daily.xml");
    expect(canonicalTarget("/api/papers/2604.26951?cb=1")).toBe("/api/papers/2604.26951");
    expect(canonicalTarget("/sitemaps/papers/1.xml?cb=1")).toBe("/sitemaps/papers/1.xml");
    // Pages of one reader are not kept in the cache: their parameters are theirs to read.
    expect(canonicalTarget("/auth/signin?callbackUrl=%2Fpapers")).toBe("/auth/signin?callbackUrl=%2Fpapers");
    expect(canonicalTarget("/papers/for-you?x=1")).toBe("/papers/for-you?x=1");
  });

  it("never turns a path into another site's address", () => {
    for (const target of [
      "//evil.example/x",
      "/\\evil.example",
      "/.//evil.example",
      "/%2e%2e//evil.example",
      "/x/..//evil.example",
    ]) {
      const canonical = canonicalTarget(target);
      expect(canonical, target).toMatch(/^\/(?![/\\])/);
    }
  });
});
