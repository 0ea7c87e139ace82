import { expect, test } from "@playwright/test";
import { operatorKey } from "./support";

/** One URL per route in app/ (and the routes our server answers itself). */
const ROUTES = [
  "/",
  "/papers",
  "/papers?q=diffusion",
  "/papers/2307.04990",
  "/papers/date/2026-04-01",
  "/papers/date/2026-04-01/page/1",
  "/papers/week/2026-W14",
  "/papers/week/2026-W14/page/1",
  "/papers/month/2026-04",
  "/papers/month/2026-04/page/1",
  "/papers/trending",
  "/papers/submit",
  "/auth/signin",
  "/auth/check-email",
  "/auth/confirm",
  "/auth/error",
  "/digest/confirm/x",
  "/digest/preferences/x",
  "/notifications/replies/x",
  "/authors/Zhili%20Feng",
  "/papers?category=cs.LG",
  "/papers/for-you",
  "/me/saved",
  "/me/saved/export.bib",
  "/api/authors/Zhili%20Feng/papers",
  "/digest/preview",
  "/dev/mailbox",
  "/dev/mailbox/x",
  "/operator",
  "/moderation",
  "/api/papers/2307.04990/comments",
  "/api/daily_papers",
  "/api/papers/2307.04990",
  "/api/papers/search?q=diffusion",
  "/api/papers/2307.04990/upvote",
  "/api/viewer",
  "/api/digest/unsubscribe",
  "/api/notifications/replies/unsubscribe",
  "/api/auth/session",
  "/api/auth/providers",
  "/api/health",
  "/feeds/daily.xml",
  "/feeds/trending.xml",
  "/feeds/search.xml?q=diffusion",
  "/no-such-page",
  "/icon.svg",
];

test("every response carries the security headers, pages a script policy by hash", async ({ request }) => {
  for (const url of ROUTES) {
    // Twice: the second answer of a shared page comes from the page cache.
    for (const round of [1, 2]) {
      const response = await request.get(url, { maxRedirects: 0 });
      const headers = response.headers();
      const where = `${url} (${round}): ${response.status()}`;
      expect(headers["x-content-type-options"], where).toBe("nosniff");
      expect(headers["x-frame-options"], where).toBe("DENY");
      expect(headers["referrer-policy"], where).toBe("strict-origin-when-cross-origin");
      expect(headers["permissions-policy"], where).toContain("camera=()");
      expect(headers["cross-origin-opener-policy"], where).toBe("same-origin");
      // The test server runs on http: no HSTS (it would pin the origin to https).
      expect(headers["strict-transport-security"], where).toBeUndefined();
      const policy = headers["content-security-policy"] ?? "";
      expect(policy, where).toContain("frame-ancestors 'none'");
      expect(policy, where).not.toContain("unsafe-eval");
      if ((headers["content-type"] ?? "").startsWith("text/html")) {
        expect(policy, where).toMatch(/script-src 'self'( 'sha256-[\w+/=]+')*;/);
        const html = await response.text();
        const inline = [
          ...html.matchAll(/<script(?![^>]*\ssrc=)(?![^>]*type="(?!text\/javascript)[^"]*")[^>]*>([\s\S]*?)<\/script>/g),
        ];
        for (const [, body] of inline) if (body) expect(policy, `${where}: an inline script has no hash`).toContain("'sha256-");
      } else {
        expect(policy, where).toContain("default-src 'none'");
      }
    }
  }
});

test("pages work under their policy: no violation while reading, signing in, upvoting and previewing", async ({ page }) => {
  const violations: string[] = [];
  await page.exposeFunction("reportViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { reportViolation: (text: string) => void }).reportViolation(
        `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  for (const url of [
    "/",
    "/papers/2307.04990",
    "/papers/date/2026-04-01",
    "/papers?q=boltzmann",
    "/papers/trending",
    "/auth/signin",
  ]) {
    await page.goto(url);
    await page.keyboard.press("Tab"); // starts the deferred runtime
    await page.waitForLoadState("networkidle");
  }
  await page.goto(`/operator?key=${operatorKey("smtp")}&next=/digest/preview`);
  await expect(page.getByTestId("digest-subject")).toBeVisible();
  expect(violations).toEqual([]);
});
