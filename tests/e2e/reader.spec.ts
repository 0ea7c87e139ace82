import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { e2eDb, mailTo, runScript, signInAs, uniqueEmail } from "./support";

/**
 * Standing checks of what a reader meets, on every page: WCAG 2.2 AA by axe in light and dark, no
 * sideways scrolling on phones, and a focus ring that is fully visible on every focusable element.
 */
const PAGES = [
  "/",
  "/papers/date/2026-04-01",
  "/papers/week/2026-W14",
  "/papers/month/2026-04",
  "/papers/2307.04990",
  "/papers?q=diffusion",
  "/papers/trending",
  "/authors/Zhili%20Feng",
  "/papers?category=cs.LG",
  "/auth/signin",
  "/auth/check-email",
  "/auth/error?error=Verification",
  "/papers/submit",
  "/no-such-page",
  // A real arXiv id that is not here: the offer to submit it.
  "/papers/2612.99999",
];

test.describe.configure({ timeout: 180_000 });

// One test per colour scheme: axe takes ~5 s a page on these cores, 28 pages in one test came
// within seconds of the timeout when the suite ran in parallel.
for (const scheme of ["light", "dark"] as const) {
  test(`axe finds no WCAG 2.2 AA violation on any page (${scheme})`, async ({ page }) => {
    const found: string[] = [];
    await page.emulateMedia({ colorScheme: scheme });
    for (const url of PAGES) {
      await page.goto(url);
      const { violations } = await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
        .analyze();
      // Headings go down one level at a time (a best practice axe keeps apart from WCAG's tags).
      const order = await new AxeBuilder({ page }).withRules(["heading-order"]).analyze();
      for (const violation of [...violations, ...order.violations]) {
        found.push(
          `${url}: ${violation.id} (${violation.impact}) ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
        );
      }
    }
    expect(found).toEqual([]);
  });
}

const WIDTHS = [320, 360, 375, 390, 414, 768];

test("no page scrolls sideways from 320 px up", async ({ page }) => {
  const overflowing: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    for (const url of PAGES) {
      await page.goto(url);
      const extra = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (extra > 0) overflowing.push(`${width}px ${url}: ${extra}px`);
    }
  }
  expect(overflowing).toEqual([]);
});

/** The focused element's ring (outline, or a box-shadow ring) and whether an ancestor clips any of it. */
async function focusRing(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    const outline =
      style.outlineStyle !== "none"
        ? Number.parseFloat(style.outlineWidth) + Math.max(0, Number.parseFloat(style.outlineOffset))
        : 0;
    const ring = style.boxShadow !== "none" ? 2 : 0;
    const reach = Math.max(outline, ring);
    const rect = element.getBoundingClientRect();
    const box = { left: rect.left - reach, top: rect.top - reach, right: rect.right + reach, bottom: rect.bottom + reach };
    let clippedBy = "";
    for (let parent = element.parentElement; parent && !clippedBy; parent = parent.parentElement) {
      const parentStyle = getComputedStyle(parent);
      if (!/(hidden|clip|auto|scroll)/.test(`${parentStyle.overflowX} ${parentStyle.overflowY}`)) continue;
      const clip = parent.getBoundingClientRect();
      if (
        box.left < clip.left - 0.5 ||
        box.right > clip.right + 0.5 ||
        box.top < clip.top - 0.5 ||
        box.bottom > clip.bottom + 0.5
      ) {
        clippedBy = `${parent.tagName.toLowerCase()}.${[...parent.classList].join(".")}`;
      }
    }
    const name = `${element.tagName.toLowerCase()} "${(element.textContent ?? "").trim().slice(0, 40)}"`;
    return { name, visible: reach > 0, clippedBy };
  });
}

test("the focus ring of every focusable element is fully visible", async ({ page }) => {
  const problems: string[] = [];
  for (const url of ["/", "/papers/2307.04990", "/papers?q=diffusion", "/auth/signin"]) {
    await page.goto(url);
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      const ring = await focusRing(page);
      if (!ring) continue;
      if (!ring.visible) problems.push(`${url}: ${ring.name} has no focus ring`);
      else if (ring.clippedBy) problems.push(`${url}: ${ring.name} ring clipped by ${ring.clippedBy}`);
    }
  }
  expect([...new Set(problems)]).toEqual([]);
});

test("a signed-in reader's own pages pass axe too: For you (first step and ranked), the reading list, settings", async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ baseURL });
  const { userId } = await signInAs(context, baseURL ?? "", uniqueEmail("a11y-reader"));
  const page = await context.newPage();
  const found: string[] = [];
  const audit = async (label: string) => {
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.reload();
      await page.waitForLoadState("networkidle");
      const { violations } = await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
        .analyze();
      for (const violation of violations)
        found.push(`${scheme} ${label}: ${violation.id} ${violation.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    }
  };
  await page.goto("/papers/for-you");
  await expect(page.getByRole("heading", { name: "Tell us what you like" })).toBeVisible();
  await audit("For you, first step");
  await e2eDb.query(
    `INSERT INTO saved_papers (user_id, paper_id, note) SELECT $1, id, 'Why I kept it' FROM papers WHERE feed_day = '2026-04-01' ORDER BY id LIMIT 2`,
    [userId],
  );
  await page.goto("/papers/for-you");
  await expect(page.getByTestId("reasons").first()).toBeVisible();
  await audit("For you, ranked");
  await page.goto("/me/saved");
  await expect(page.getByTestId("saved-paper")).toHaveCount(2);
  await audit("reading list");
  await page.goto("/me/settings");
  await expect(page.getByLabel("Display name")).toBeVisible();
  await audit("settings");
  expect(found).toEqual([]);
  await context.close();
});

test("the digest email passes axe too (rank numbers were 2.56:1 on white)", async ({ page, baseURL }) => {
  const to = uniqueEmail("a11y-digest");
  const sent = await runScript("scripts/digest.ts", ["--date", "2026-04-30", "--to", to], baseURL ?? "");
  expect(sent.code, sent.output).toBe(0);
  const [mail] = await mailTo(to);
  await page.goto("about:blank");
  await page.setContent(mail?.html ?? "");
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  expect(violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(" ")}`)).toEqual([]);
});

test("search results' meta line starts with the author count", async ({ page }) => {
  await page.goto("/papers?q=diffusion");
  const meta = await page.getByTestId("search-result").first().locator("p").last().textContent();
  expect(meta).toMatch(/^\d+ authors? · /);
});

test("a subscriber's preferences page passes axe in light and dark (its keywords help was 4.12:1 in dark)", async ({ page }) => {
  const token = `a11y${randomUUID().replace(/-/g, "")}`.padEnd(43, "x"); // a token is 43 characters
  await e2eDb.query(`INSERT INTO subscribers (id, email, token, status, updated_at) VALUES ($1, $2, $3, 'active', now())`, [
    `a11y-${token}`,
    uniqueEmail("a11y-prefs"),
    token,
  ]);
  const found: string[] = [];
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`/digest/preferences/${token}`);
    await expect(page.locator("#keywords-help")).toBeVisible();
    const { violations } = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
      .analyze();
    for (const violation of violations)
      found.push(`${scheme}: ${violation.id} ${violation.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }
  expect(found).toEqual([]);
});
