import http from "node:http";
import { expect, test } from "@playwright/test";
import fc from "fast-check";

/**
 * A standing fuzzer over every route in app/ and every parameter they read: thousands of generated
 * paths, queries and bodies (fast-check), each answered without a 5xx and in bounded time. Requests
 * leave from random loopback addresses, so per-IP limits answer 429 (which is fine) without holding
 * back the other tests.
 */
test.describe.configure({ timeout: 300_000 });

const MAX_MS = 5_000;

interface Answer {
  status: number;
  ms: number;
}

function send(
  baseURL: string,
  method: string,
  path: string,
  body?: Buffer,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const octet = () => 1 + Math.floor(Math.random() * 254);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const url = new URL(baseURL);
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        localAddress: `127.${octet()}.${octet()}.${octet()}`,
        headers: { ...(body ? { "content-length": String(body.length) } : {}), ...headers },
        timeout: MAX_MS * 2,
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve({ status: response.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    request.on("timeout", () => request.destroy(new Error(`${method} ${path} timed out`)));
    request.on("error", reject);
    request.end(body);
  });
}

// Values a parameter or segment may take: plausible ones, near misses, and hostile ones, raw or
// %-encoded (valid and malformed escapes alike).
const hostile = fc.constantFrom(
  "",
  "%",
  "%ff",
  "%E0%A4%A",
  "%00",
  "..",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "\"'><img src=x onerror=alert(1)>",
  "$\\begin{matrix}&&&&&&&&&&&&&\\end{matrix}$",
  "2307.04990",
  "2307.04990v2",
  "2026-04-01",
  "2026-W14",
  "2026-04",
  "-1",
  "0",
  "99999999999999999999",
  "1e309",
  "NaN",
  "null",
  "[]",
  "{}",
  "\u202Egnp.exe",
  "a".repeat(3_000),
);
const text = fc.string({ unit: "grapheme", maxLength: 60 });
/**
 * As a client puts it on the request line: what no HTTP client can send there (spaces, controls,
 * non-ASCII) %-encoded, the rest as it is, "%" too, so that malformed escapes reach the server.
 */
const onTheWire = (value: string) =>
  value
    .replace(/[^\x21-\x7e]/gu, (char) => {
      try {
        return encodeURIComponent(char);
      } catch {
        return "%ED%A0%80"; // a lone surrogate: its (malformed) UTF-8
      }
    })
    .replace(/#/g, "%23");
const value = fc.oneof(hostile, text, text.map(encodeURIComponent), fc.integer().map(String)).map(onTheWire);
const encodedSegment = fc.oneof(hostile, text.map(encodeURIComponent)).map(onTheWire);

const segmentRoutes = [
  (v: string) => `/papers/${v}`,
  (v: string) => `/papers/date/${v}`,
  (v: string) => `/papers/date/2026-04-01/page/${v}`,
  (v: string) => `/papers/week/${v}`,
  (v: string) => `/papers/week/2026-W14/page/${v}`,
  (v: string) => `/papers/month/${v}`,
  (v: string) => `/papers/month/2026-04/page/${v}`,
  (v: string) => `/digest/confirm/${v}`,
  (v: string) => `/digest/preferences/${v}`,
  (v: string) => `/dev/mailbox/${v}`,
  (v: string) => `/api/papers/${v}`,
  (v: string) => `/api/papers/${v}/upvote`,
  (v: string) => `/api/papers/${v}/comments`,
  (v: string) => `/api/papers/${v}/comments/mine`,
  (v: string) => `/feeds/comments/${v}`,
  (v: string) => `/notifications/replies/${v}`,
  (v: string) => `/authors/${v}`,
  (v: string) => `/api/authors/${v}/papers`,
  (v: string) => `/${v}`,
];
const queryRoutes: [string, string[]][] = [
  ["/", ["p", "page"]],
  ["/papers", ["q", "page", "category"]],
  ["/authors/Ada%20Lovelace", ["page"]],
  ["/api/authors/Ada%20Lovelace/papers", ["p", "limit"]],
  ["/papers/trending", ["p"]],
  ["/papers/date/2026-04-01", ["p"]],
  ["/auth/signin", ["callbackUrl", "error"]],
  ["/auth/error", ["error", "retryAfter"]],
  ["/auth/confirm", ["token", "email", "callbackUrl"]],
  ["/auth/check-email", ["email"]],
  ["/digest/preferences/x", ["unsubscribe"]],
  ["/digest/preview", ["frequency", "period"]],
  ["/operator", ["key", "next"]],
  ["/api/daily_papers", ["date", "week", "month", "sort", "p", "limit", "category"]],
  ["/api/papers/search", ["q", "limit", "p", "category"]],
  ["/api/viewer", ["ids"]],
  ["/api/digest/unsubscribe", ["token"]],
  ["/api/notifications/replies/unsubscribe", ["token"]],
  ["/api/papers/2307.04990/comments", ["p", "limit"]],
  ["/api/auth/callback/email", ["token", "email", "callbackUrl"]],
  ["/feeds/search.xml", ["q"]],
  ["/feeds/daily.xml", ["date"]],
  ["/feeds/trending.xml", ["p"]],
];

test("GET: generated segments and query parameters on every route never give a 5xx, and answer in bounded time", async ({
  baseURL,
}) => {
  const base = baseURL ?? "";
  const url = fc.oneof(
    fc.tuple(fc.constantFrom(...segmentRoutes), encodedSegment).map(([route, v]) => route(v)),
    fc
      .tuple(fc.constantFrom(...queryRoutes), fc.array(value, { minLength: 1, maxLength: 6 }))
      .map(([[path, names], values]) => `${path}?${names.map((name, i) => `${name}=${values[i % values.length]}`).join("&")}`),
  );
  await fc.assert(
    fc.asyncProperty(url, async (path) => {
      const answer = await send(base, "GET", path);
      expect(answer.status, path).toBeLessThan(500);
      expect(answer.ms, path).toBeLessThan(MAX_MS);
    }),
    { numRuns: 1_500 },
  );
});

test("POST: generated bodies to every endpoint that reads one never give a 5xx", async ({ baseURL }) => {
  const base = baseURL ?? "";
  const body = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.json({ maxDepth: 6 }),
    fc.nat({ max: 6_000 }).map((depth) => `${"[".repeat(depth)}${"]".repeat(depth)}`),
    fc.constantFrom("", "{}", "[]", "null", '{"a":', "email=x&csrfToken=y", "\u0000\u0001"),
  );
  const target = fc.constantFrom(
    { path: "/api/papers/2307.04990/upvote", type: "application/json" },
    { path: "/api/auth/session", type: "application/json" },
    { path: "/api/digest/unsubscribe?token=x", type: "application/x-www-form-urlencoded" },
    { path: "/api/notifications/replies/unsubscribe?token=x", type: "application/x-www-form-urlencoded" },
    { path: "/api/auth/callback/email?token=x&email=a@b.c", type: "application/x-www-form-urlencoded" },
    { path: "/", type: "text/plain;charset=UTF-8", action: true },
    { path: "/papers/submit", type: "text/plain;charset=UTF-8", action: true },
    { path: "/papers/2307.04990", type: "application/json" },
  );
  const actionId = fc.oneof(
    fc.constant("0".repeat(42)),
    fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), maxLength: 50 }),
    fc.string({ maxLength: 20 }),
  );
  await fc.assert(
    fc.asyncProperty(target, body, actionId, async (where, payload, action) => {
      const headers: Record<string, string> = { "content-type": where.type };
      if ("action" in where) headers["next-action"] = action.replace(/[^\x21-\x7e]/g, "") || "x";
      const answer = await send(base, "POST", where.path, Buffer.from(payload), headers);
      expect(answer.status, `${where.path} ${payload.slice(0, 40)}`).toBeLessThan(500);
      expect(answer.ms).toBeLessThan(MAX_MS);
    }),
    { numRuns: 600 },
  );
});
