import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clientIp, isCrossSite, safeReturnPath } from "@/lib/http/request";

describe("return paths after sign-in", () => {
  it.each([
    ["/papers/2307.04990", "/papers/2307.04990"],
    ["/papers/date/2026-04-01?x=1#top", "/papers/date/2026-04-01?x=1#top"],
    ["http://localhost:3000/papers/week/2026-W14", "/papers/week/2026-W14"],
    ["//evil.example/steal", "/"],
    ["https://evil.example/", "/"],
    ["javascript:alert(1)", "/"],
    ["", "/"],
    [null, "/"],
    // Paths that resolve to "//host" on our origin: a browser then leaves for that host.
    ["/.//evil.example", "/"],
    ["/..//evil.example", "/"],
    ["/./\\evil.example", "/"],
    ["/%2e//evil.example", "/"],
    ["http://localhost:3000//evil.example", "/"],
    ["http://localhost:3000/./\\evil.example/x", "/"],
  ])("%j -> %j", (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });

  it("never returns a path that leaves the origin, whatever the input (generated)", () => {
    const piece = fc.constantFrom(
      "/",
      "\\",
      ".",
      "..",
      "%2e",
      "%2f",
      "%5c",
      "evil.example",
      "http:",
      "//",
      "?",
      "#",
      "@",
      ":",
      "papers",
      "\t",
    );
    const input = fc.oneof(
      fc.array(piece, { maxLength: 8 }).map((parts) => parts.join("")),
      fc.string(),
      fc.webUrl(),
    );
    fc.assert(
      fc.property(input, (value) => {
        const path = safeReturnPath(value);
        for (const origin of ["https://daily.example", "http://localhost:3000"]) {
          expect(new URL(path, origin).origin).toBe(origin);
        }
        expect(path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\")).toBe(true);
      }),
      { numRuns: 5_000 },
    );
  });
});

describe("cross-site requests", () => {
  it("refuses another origin and a cross-site fetch, allows same origin and scripts", () => {
    expect(isCrossSite(new Headers({ origin: "https://evil.example" }))).toBe(true);
    expect(isCrossSite(new Headers({ origin: "null" }))).toBe(true);
    expect(isCrossSite(new Headers({ "sec-fetch-site": "cross-site" }))).toBe(true);
    expect(isCrossSite(new Headers({ origin: "http://localhost:3000" }))).toBe(false);
    expect(isCrossSite(new Headers({ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" }))).toBe(false);
    expect(isCrossSite(new Headers())).toBe(false);
  });
});

describe("client address", () => {
  it("is the last X-Forwarded-For entry (our server sets it)", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "127.0.0.1" }))).toBe("127.0.0.1");
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.5, 10.0.0.2" }))).toBe("10.0.0.2");
    expect(clientIp(new Headers())).toBe("unknown");
  });
});
