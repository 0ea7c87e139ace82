import { expect, test } from "@playwright/test";
import { e2eDb, signInAs } from "./support";

/** What a researcher who reads huggingface.co/papers every morning expects of the pages (issue 20). */

test("author names on a paper page look like the links they are", async ({ page }) => {
  await page.goto("/papers/2307.04990");
  const author = page.getByRole("region", { name: "Authors" }).getByRole("link").first();
  await expect(author).toHaveAttribute("href", /^\/authors\//);
  expect(await author.evaluate((element) => getComputedStyle(element).textDecorationLine)).toBe("underline");
});

test("an arXiv id that is not here offers to submit it, and the submit form comes filled in", async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const response = await page.goto("/papers/2612.99999v2");
  expect(response?.status()).toBe(404);
  const offer = page.getByRole("link", { name: "Submit arXiv 2612.99999" });
  await expect(offer).toHaveAttribute("href", "/papers/submit?id=2612.99999");
  // Not an arXiv id: nothing to offer.
  await page.goto("/papers/not-an-id");
  await expect(page.getByRole("link", { name: /^Submit arXiv/ })).toHaveCount(0);
  await signInAs(context, baseURL ?? "");
  await page.goto("/papers/2612.99999");
  await page.getByRole("link", { name: "Submit arXiv 2612.99999" }).click();
  await expect(page.getByLabel("arXiv id or link")).toHaveValue("2612.99999");
  await context.close();
});

test("search results show their authors, and snippets start at a sentence", async ({ page }) => {
  await page.goto("/papers?q=diffusion");
  const results = page.getByTestId("search-result");
  await expect(results.first()).toBeVisible();
  const first = results.first();
  await expect(first.getByTestId("lead-authors").getByRole("link").first()).toHaveAttribute("href", /^\/authors\//);
  const snippets = await results.locator("p.result-excerpt").allTextContents();
  expect(snippets.length).toBeGreaterThan(3);
  for (const snippet of snippets) expect(snippet, snippet).toMatch(/^(… )?[A-Z0-9$\\(]/);
});

test("the reading list shows each paper as a card does, with its links", async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  const { userId } = await signInAs(context, baseURL ?? "");
  await e2eDb.query(
    `INSERT INTO saved_papers (user_id, paper_id, note) SELECT $1, id, 'for the reading group' FROM papers WHERE arxiv_id = '2307.04990'`,
    [userId],
  );
  const page = await context.newPage();
  await page.goto("/me/saved");
  const entry = page.getByTestId("saved-paper").first();
  await expect(entry.getByTestId("lead-authors").getByRole("link").first()).toHaveAttribute("href", /^\/authors\//);
  await expect(entry.getByTestId("saved-excerpt")).not.toBeEmpty();
  await expect(entry.getByTestId("saved-links").getByRole("link", { name: "arXiv" })).toHaveAttribute(
    "href",
    "https://arxiv.org/abs/2307.04990",
  );
  await expect(entry.getByTestId("saved-links").getByRole("link", { name: "PDF" })).toHaveAttribute(
    "href",
    "https://arxiv.org/pdf/2307.04990",
  );
  await context.close();
});

test("a calendar beside previous/next goes to the day picked, or its week or month", async ({ page, request }) => {
  await page.goto("/papers/date/2026-04-13");
  await page.getByLabel("Date", { exact: true }).fill("2026-04-07");
  await page.getByRole("button", { name: "Go" }).click();
  await expect(page).toHaveURL(/\/papers\/date\/2026-04-07$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("7");
  await page.goto("/papers/month/2026-04");
  await page.getByLabel("Date", { exact: true }).fill("2026-03-20");
  await page.getByRole("button", { name: "Go" }).click();
  await expect(page).toHaveURL(/\/papers\/month\/2026-03$/);
  const bad = await request.get("/papers/date?day=2026-02-30", { maxRedirects: 0 });
  expect([bad.status(), await bad.text()]).toEqual([400, "Pick a date as YYYY-MM-DD (for example 2026-04-17).\n"]);
});

test("a long month shows its best papers first and loads more in place; before its scripts run, the link goes to the next page", async ({
  page,
}) => {
  await page.goto("/papers/month/2026-04");
  const cards = page.getByTestId("paper-card");
  await expect(cards).toHaveCount(30);
  const more = page.getByRole("link", { name: /^Show more papers/ });
  await expect(more).toHaveAttribute("href", "/papers/month/2026-04/page/2");
  // Focus starts the page's scripts (deferred until the reader touches the page); once they run, a tap loads in place.
  await more.focus();
  await expect(more).toHaveAttribute("data-ready", "true");
  const upvotes = async () => Number((await cards.nth(29).getByTestId("upvote-count").textContent()) ?? "0");
  const lastOfFirst = await upvotes();
  await more.click();
  await expect(cards).toHaveCount(60);
  await expect(page).toHaveURL(/\/papers\/month\/2026-04$/);
  // Best first across pages too, and the pager's links are gone once the page grows in place.
  expect(Number((await cards.nth(30).getByTestId("upvote-count").textContent()) ?? "0")).toBeLessThanOrEqual(lastOfFirst);
  await expect(page.getByRole("navigation", { name: "Pages of this month" })).toHaveCount(0);
});

test('one author page for the spellings of one name: "Ryan A. Rossi" and "Ryan Rossi"', async ({ page }) => {
  await page.goto("/authors/Ryan%20Rossi");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ryan Rossi");
  await expect(page.getByTestId("author-spellings")).toHaveText("Also listed as “Ryan A. Rossi”");
  const cards = page.getByTestId("paper-card");
  const both = await cards.count();
  await page.goto("/authors/Ryan%20A.%20Rossi");
  await expect(page.getByTestId("author-spellings")).toHaveText("Also listed as “Ryan Rossi”");
  await expect(page.getByTestId("paper-card")).toHaveCount(both);
  // Someone else who shares the surname keeps a page of their own.
  const others = await page.goto("/authors/R.%20Rossi");
  expect(others?.status()).toBe(404);
});
