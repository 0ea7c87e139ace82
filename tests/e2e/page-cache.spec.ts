import { expect, test } from "@playwright/test";
import { e2eDb, sendRaw, signInAs, uniqueEmail } from "./support";

/**
 * Pages are shared copies (lib/page-cache): rendered once, answered from memory to everyone, retired
 * by what changes them. These tests hold the promises that come with that: a change shows up, a
 * reader's own state never lands in the copy everyone gets, and a busy period is paged.
 */

const BUSY_DAY = "2026-04-14"; // more papers than one page holds

async function cardCount(arxivId: string): Promise<number> {
  const { rows } = await e2eDb.query<{ upvotes: number }>("SELECT upvotes FROM papers WHERE arxiv_id = $1", [arxivId]);
  return rows[0]?.upvotes ?? -1;
}

test("a page is answered from the shared copy, and an upvote shows up on it for everyone within seconds", async ({
  browser,
  request,
  baseURL,
}) => {
  const url = `/papers/date/${BUSY_DAY}`;
  await (await request.get(url)).text();
  const cached = await request.get(url);
  expect(cached.headers()["x-page-cache"]).toBe("HIT");
  const html = await cached.text();
  const arxivId = /data-arxiv-id="([^"]+)"/.exec(html)?.[1] ?? "";
  const before = await cardCount(arxivId);

  const voter = await browser.newContext();
  await signInAs(voter, baseURL ?? "");
  const vote = await voter.request.post(`/api/papers/${arxivId}/upvote`);
  expect(await vote.json()).toMatchObject({ upvotes: before + 1, upvoted: true });
  await voter.close();

  const reader = await browser.newPage();
  const card = reader.locator(`[data-testid="paper-card"][data-arxiv-id="${arxivId}"]`);
  await expect(async () => {
    await reader.goto(url);
    await expect(card.getByTestId("upvote-count")).toHaveText(String(before + 1), { timeout: 500 });
  }).toPass({ timeout: 5_000 });
  await reader.close();
});

test("one copy per page: a query string it does not read, or another spelling of its path, leads to its address", async ({
  request,
  baseURL,
}) => {
  const url = `/papers/date/${BUSY_DAY}`;
  await (await request.get(url)).text();
  expect((await request.get(url)).headers()["x-page-cache"]).toBe("HIT");
  // Unique query strings used to render and keep a new copy each (and evict the others).
  for (const variant of [
    `${url}?cb=1`,
    `${url}?cb=2&utm_source=x`,
    `/papers/date/${BUSY_DAY.replace(/-/g, "%2D")}`,
    `/x/%2e%2e${url}`,
  ]) {
    const answer = await sendRaw(baseURL ?? "", "GET", variant);
    expect([answer.status, answer.headers.location], variant).toEqual([308, url]);
  }
  const followed = await request.get(`${url}?cb=3`);
  expect([followed.url().endsWith(url), followed.headers()["x-page-cache"]]).toEqual([true, "HIT"]);
  // A paper page too; a search keeps the parameters it reads and drops the rest.
  const paper = await sendRaw(baseURL ?? "", "GET", "/papers/2604%2E09201?ref=x");
  expect([paper.status, paper.headers.location]).toEqual([308, "/papers/2604.09201"]);
  const search = await sendRaw(baseURL ?? "", "GET", "/papers?q=diffusion&cb=9&page=2");
  expect([search.status, search.headers.location]).toEqual([308, "/papers?q=diffusion&page=2"]);
});

test("a signed-in reader's own state is theirs alone: the shared copy never carries it", async ({ browser, baseURL }) => {
  const email = uniqueEmail("private");
  const mine = await browser.newContext();
  await signInAs(mine, baseURL ?? "", email);
  const page = await mine.newPage();
  await page.goto("/papers/2604.10030");
  await page.getByRole("button", { name: /^Upvote/ }).click();
  await expect(page.getByRole("button", { name: /^Remove your upvote/ })).toHaveAttribute("aria-pressed", "true");
  // Their state also shows on a page loaded afterwards, from the shared copy plus their own request.
  await page.reload();
  await expect(page.getByRole("button", { name: /^Remove your upvote/ })).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator("summary", { hasText: email })).toBeVisible();

  for (const url of ["/papers/2604.10030", `/papers/date/${BUSY_DAY}`, "/papers?q=reasoning"]) {
    const anonymous = await browser.newContext();
    const response = await anonymous.request.get(url);
    const html = await response.text();
    expect(html, url).not.toContain(email);
    expect(html, url).not.toContain('aria-pressed="true"');
    expect(html, url).not.toContain("Remove your upvote");
    const view = await anonymous.newPage();
    await view.goto(url);
    await expect(view.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
    await expect(view.getByRole("button", { name: /Remove your upvote/ })).toHaveCount(0);
    await anonymous.close();
  }
  await mine.close();
});

test("a busy day is paged: most upvoted first, each paper on one page, links a crawler can follow", async ({ page }) => {
  await page.goto(`/papers/date/${BUSY_DAY}`);
  await expect(page.getByTestId("feed-summary")).toContainText(/papers, most upvoted first · page 1 of 2/);
  const first = await page
    .getByTestId("paper-card")
    .evaluateAll((cards) => cards.map((card) => card.getAttribute("data-arxiv-id")));
  expect(first).toHaveLength(30);
  const firstCounts = (await page.getByTestId("upvote-count").allTextContents()).map(Number);
  expect(firstCounts).toEqual([...firstCounts].sort((a, b) => b - a));

  const more = page.getByRole("link", { name: "More papers →" });
  await expect(more).toHaveAttribute("href", `/papers/date/${BUSY_DAY}/page/2`);
  await more.click();
  await expect(page).toHaveURL(new RegExp(`/papers/date/${BUSY_DAY}/page/2$`));
  await expect(page).toHaveTitle(/page 2/);
  const second = await page
    .getByTestId("paper-card")
    .evaluateAll((cards) => cards.map((card) => card.getAttribute("data-arxiv-id")));
  expect(second.length).toBeGreaterThan(0);
  expect(second.filter((id) => first.includes(id))).toEqual([]);
  const secondCounts = (await page.getByTestId("upvote-count").allTextContents()).map(Number);
  expect(Math.max(...secondCounts)).toBeLessThanOrEqual(Math.min(...firstCounts));
  await expect(page.getByRole("link", { name: "More papers →" })).toHaveCount(0);
  await page.getByRole("link", { name: "← More upvoted" }).click();
  await expect(page).toHaveURL(new RegExp(`/papers/date/${BUSY_DAY}$`));
});

test("a month is one ranked list in pages; bad page numbers are 404s that say why", async ({ page, request }) => {
  await page.goto("/papers/month/2026-04");
  await expect(page.getByTestId("feed-summary")).toContainText(/most upvoted first · page 1 of (\d+)/);
  const pages = Number(/page 1 of (\d+)/.exec((await page.getByTestId("feed-summary").textContent()) ?? "")?.[1]);
  expect(pages).toBeGreaterThan(10);
  await page.goto(`/papers/month/2026-04/page/${pages}`);
  await expect(page.getByTestId("paper-card").first()).toBeVisible();
  for (const bad of [
    `/papers/month/2026-04/page/${pages + 1}`,
    "/papers/month/2026-04/page/0",
    "/papers/week/2026-W15/page/two",
  ]) {
    const response = await page.goto(bad);
    expect(response?.status(), bad).toBe(404);
    await expect(page.getByRole("heading", { level: 1 }), bad).toHaveText("No such page");
  }
  const one = await request.get("/papers/month/2026-04/page/1", { maxRedirects: 0 });
  expect(one.status()).toBe(308);
  expect(one.headers().location).toBe("/papers/month/2026-04");
});

test("a signed-out reader downloads no script until they touch a control; then the controls work", async ({ page, request }) => {
  const url = "/papers/date/2026-04-07";
  await (await request.get(url)).text();
  const scripts: string[] = [];
  page.on("request", (sent) => {
    if (sent.resourceType() === "script") scripts.push(sent.url());
  });
  // Each server process keeps its own copies: load until this one answers from its copy.
  let cached = false;
  for (let attempt = 0; attempt < 6 && !cached; attempt++) {
    scripts.length = 0;
    const response = await page.goto(url);
    await page.waitForLoadState("networkidle");
    cached = response?.headers()["x-page-cache"] === "HIT";
  }
  expect(cached).toBe(true);
  expect(scripts).toEqual([]);
  await page.getByLabel("Email address").fill("not-an-address");
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.locator("#subscribe-problem")).toHaveText(/valid email address/);
  expect(scripts.length).toBeGreaterThan(0);
});

test("the subscribe box works with no JavaScript at all", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/papers/date/2026-04-08");
  const email = uniqueEmail("nojs");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByRole("status").filter({ hasText: `check ${email}` })).toBeVisible();
  const { rows } = await e2eDb.query("SELECT status FROM subscribers WHERE email = $1", [email]);
  expect(rows).toEqual([{ status: "pending" }]);
  await context.close();
});
