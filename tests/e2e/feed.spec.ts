import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

interface SeedPaper {
  arxivId: string;
  title: string;
  authors: string[];
  publishedAt: string;
  upvotes: number;
}

const seedPapers: SeedPaper[] = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, "../../prisma/seed/seed-papers.json"), "utf8"),
);

test("every specification paper is on its day with its author count and upvotes", async ({ page }) => {
  test.setTimeout(120_000); // forty pages
  for (const paper of seedPapers) {
    await page.goto(`/papers/date/${paper.publishedAt}`);
    const card = page.locator(`[data-testid="paper-card"][data-arxiv-id="${paper.arxivId}"]`);
    await expect(card, paper.arxivId).toBeVisible();
    await expect(card.getByRole("link", { name: paper.title })).toHaveAttribute("href", `/papers/${paper.arxivId}`);
    await expect(card.getByTestId("author-count")).toHaveText(
      `${paper.authors.length} ${paper.authors.length === 1 ? "author" : "authors"}`,
    );
    await expect(card.getByTestId("upvote-count")).toHaveText(String(paper.upvotes));
  }
});

test("the home page shows the latest day, most upvoted first, with no next link", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thu, Apr 30, 2026");
  const counts = await page.getByTestId("upvote-count").allTextContents();
  expect(counts.length).toBe(9);
  expect(counts.map(Number)).toEqual([...counts.map(Number)].sort((a, b) => b - a));
  await expect(page.getByRole("link", { name: /^Next day/ })).toHaveCount(0);
});

test("previous and next skip the days without papers", async ({ page }) => {
  await page.goto("/papers/date/2026-04-06");
  await page.getByRole("link", { name: /^Previous day/ }).click();
  await expect(page).toHaveURL(/\/papers\/date\/2026-04-03$/); // over the weekend
  await page.getByRole("link", { name: /^Next day/ }).click();
  await expect(page).toHaveURL(/\/papers\/date\/2026-04-06$/);
  await page.getByRole("link", { name: /^Next day/ }).click();
  await expect(page).toHaveURL(/\/papers\/date\/2026-04-07$/);
});

test("an empty day says so and still navigates", async ({ page }) => {
  await page.goto("/papers/date/2026-04-04");
  await expect(page.getByText("No papers on Sat, Apr 4, 2026")).toBeVisible();
  await page.getByRole("link", { name: /^Next day/ }).click();
  await expect(page).toHaveURL(/\/papers\/date\/2026-04-06$/);
});

test("the tabs switch between day, week and month around the same date", async ({ page }) => {
  await page.goto("/papers/date/2026-04-01");
  const tabs = page.getByRole("navigation", { name: "Feed period" });
  await tabs.getByRole("link", { name: "Weekly" }).click();
  await expect(page).toHaveURL(/\/papers\/week\/2026-W14$/);
  // A week is one list, most upvoted first, whatever the day; each card says its day.
  const dates = await page.getByTestId("paper-date").allTextContents();
  expect(new Set(dates)).toEqual(new Set(["Apr 1, 2026", "Apr 2, 2026", "Apr 3, 2026"]));
  const counts = (await page.getByTestId("upvote-count").allTextContents()).map(Number);
  expect(counts).toEqual([...counts].sort((a, b) => b - a));
  await page.getByRole("link", { name: /^Next week/ }).click();
  await expect(page).toHaveURL(/\/papers\/week\/2026-W15$/);
  await tabs.getByRole("link", { name: "Monthly" }).click();
  await expect(page).toHaveURL(/\/papers\/month\/2026-04$/);
  await expect(page.getByTestId("paper-card")).toHaveCount(30);
  await tabs.getByRole("link", { name: "Daily" }).click();
  await expect(page).toHaveURL(/\/papers\/date\/2026-04-30$/);
  await expect(tabs.getByRole("link", { name: "Daily" })).toHaveAttribute("aria-current", "page");
});

test("a paper page shows every author and links to arXiv", async ({ page }) => {
  const paper = seedPapers.find((p) => p.arxivId === "2307.04990");
  if (!paper) throw new Error("seed paper 2307.04990 missing");
  await page.goto("/papers/2307.04990");
  await expect(page).toHaveTitle(`${paper.title} · Daily Papers`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(paper.title);
  await expect(page.getByTestId("authors").getByRole("listitem")).toHaveText(
    paper.authors.map((name, i) => (i < paper.authors.length - 1 ? `${name},` : name)),
  );
  await expect(page.getByRole("link", { name: "arXiv page" })).toHaveAttribute("href", "https://arxiv.org/abs/2307.04990");
  await expect(page.getByRole("link", { name: "PDF" })).toHaveAttribute("href", "https://arxiv.org/pdf/2307.04990");
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", paper.title);
  await page.getByRole("link", { name: "Mon, Jul 10, 2023" }).click();
  await expect(page).toHaveURL(/\/papers\/date\/2023-07-10$/);
});

test("a paper with code links to its repository", async ({ page }) => {
  await page.goto("/papers/2405.11582");
  await expect(page.getByRole("link", { name: "Code" })).toHaveAttribute("href", "https://github.com/xinghaochen/SLAB");
});

for (const [url, message] of [
  ["/papers/date/2025-13-45", "Not a valid date"],
  ["/papers/date/yesterday", "Not a valid date"],
  ["/papers/week/2025-W60", "Not a valid week"],
  ["/papers/month/2025-00", "Not a valid month"],
  ["/papers/9999.99999", "Paper not found"],
  ["/papers/not-an-id", "Paper not found"],
  ["/papers/date/2026-04-01/extra", "Page not found"],
] as const) {
  test(`${url} is a 404 that says what was wrong`, async ({ page }) => {
    const response = await page.goto(url);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(message);
    await page.getByRole("link", { name: /Back to today/ }).click();
    await expect(page).toHaveURL(/\/$/);
  });
}

test("a date far in the future shows the latest day", async ({ page }) => {
  await page.goto("/papers/date/2099-01-01");
  await expect(page).toHaveURL(/\/papers\/date\/2026-04-30$/);
});

test("a phone-sized screen never scrolls sideways", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const url of ["/", "/papers/week/2026-W14", "/papers/month/2026-04", "/papers/2604.12374", "/papers/date/2025-13-45"]) {
    await page.goto(url);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, url).toBeLessThanOrEqual(0);
  }
});
