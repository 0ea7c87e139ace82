import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { XMLParser } from "fast-xml-parser";
import { LIMITS } from "../../lib/rate-limit/limits";
import { alertWith, clientFromAnotherAddress, insideOneWindow, outboxAppUrl, outboxDb, signInAs } from "./support";

const pool = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../fixtures/hf-daily-2025-01-13-14.json"), "utf8")) as {
  paper: { id: string; title: string };
}[];

test("search from the header: ranked, highlighted, paged, with RSS; sensible answers for odd queries", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("searchbox", { name: "Search papers" }).fill("boltzmann machines");
  await page.getByRole("searchbox", { name: "Search papers" }).press("Enter");
  await expect(page).toHaveURL(/\/papers\?q=boltzmann\+machines$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Results for “boltzmann machines”");
  const first = page.getByTestId("search-result").first();
  await expect(first).toHaveAttribute("data-arxiv-id", "2307.04990");
  await expect(first.locator("mark").first()).toHaveText("Boltzmann");
  await expect(page.locator('link[rel="alternate"][type="application/rss+xml"]')).toHaveAttribute(
    "href",
    /\/feeds\/search\.xml\?q=boltzmann/,
  );

  for (const [q, message] of [
    ["", "Type a few words"],
    ["?!...", "only punctuation"],
    ["zzzqqqxxyy", "No paper matches that search"],
    ["a".repeat(251), "limited to 250 characters"],
  ] as const) {
    const response = await page.goto(`/papers?q=${encodeURIComponent(q)}`);
    expect(response?.status(), q).toBe(200);
    await expect(page.getByText(message)).toBeVisible();
  }
  await page.goto(`/papers?q=${encodeURIComponent('<img src=x onerror="window.__pwned=1">')}`);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("<img src=x");
});

test("search answers a question in plain words, and says when a query is only common words", async ({ page }) => {
  await page.goto(`/papers?q=${encodeURIComponent("how can robots learn from human videos")}`);
  const titles = await page.getByTestId("search-result").getByRole("heading", { level: 2 }).allTextContents();
  expect(titles).toHaveLength(20);
  expect(titles.slice(0, 3).filter((title) => /robot|humanoid/i.test(title)).length, titles.join("\n")).toBeGreaterThanOrEqual(2);
  // "the 100 most relevant" when the lists together hold more than a search shows, "100 papers" when
  // they hold exactly that many (how deep each list goes varies with the machine's load).
  await expect(page.getByTestId("result-count")).toContainText(
    /(the 100 most relevant papers|100 papers, most relevant first) · page 1 of 5/,
  );

  await page.goto(`/papers?q=${encodeURIComponent("the of")}`);
  await expect(page.getByText("“the of” is only common words")).toBeVisible();
  await expect(page.getByTestId("search-result")).toHaveCount(0);
});

test("trending: a tab beside Daily, Weekly and Monthly, with how it works", async ({ page }) => {
  await page.goto("/papers/date/2026-04-30");
  await page.getByRole("navigation", { name: "Feed period" }).getByRole("link", { name: "Trending" }).click();
  await expect(page).toHaveURL(/\/papers\/trending$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Trending papers");
  await page.getByText("How trending works").click();
  await expect(page.getByTestId("trending-explainer")).toContainText("Hacker News");
  await expect(page.getByTestId("paper-card").first()).toHaveAttribute("data-arxiv-id", /\d{4}\.\d{5}/);
  await expect(page.locator('link[rel="alternate"][type="application/rss+xml"]')).toHaveAttribute(
    "href",
    /\/feeds\/trending\.xml$/,
  );
});

test("a paper page lists five similar papers", async ({ page }) => {
  await page.goto("/papers/2604.09201");
  const similar = page.getByTestId("similar-papers").getByRole("listitem");
  await expect(similar).toHaveCount(5);
  await expect(similar.getByRole("link", { name: /CT-1/ })).toHaveCount(0);
});

// On the second server (own database): a submitted paper lands on today's feed, which must not move
// the "latest day" the other tests look at.
test("submit a paper by link: fetched from arXiv, on today's feed; again: already here; bad input and arXiv down", async ({
  browser,
}) => {
  const context = await browser.newContext({ baseURL: outboxAppUrl });
  const page = await context.newPage();
  await page.goto("/papers/submit");
  await expect(page.getByRole("link", { name: "Sign in" }).last()).toHaveAttribute(
    "href",
    "/auth/signin?callbackUrl=%2Fpapers%2Fsubmit",
  );
  await signInAs(context, outboxAppUrl, undefined, outboxDb);
  // A worker of its own: two runs of this test in parallel must not submit the same paper.
  const candidate = pool[test.info().workerIndex % pool.length]?.paper ?? { id: "", title: "" };
  await page.goto("/papers/submit");
  const input = page.getByLabel("arXiv id or link");
  await input.fill(`https://arxiv.org/abs/${candidate.id}v1`);
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("status")).toContainText(/Added to today’s papers|Already here/);
  await page.getByRole("status").getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/papers/${candidate.id.replace(".", "\\.")}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(candidate.title);
  // The home page is a shared copy: a change shows up on it within seconds (lib/page-cache).
  await expect(async () => {
    await page.goto("/");
    await expect(page.locator(`[data-testid="paper-card"][data-arxiv-id="${candidate.id}"]`)).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 5_000 });

  await page.goto("/papers/submit");
  await input.fill(candidate.id);
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("status")).toContainText("Already here");

  await input.fill("https://example.org/paper");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(alertWith(page, "Enter an arXiv id")).toBeVisible();
  await input.fill("2501.99999");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(alertWith(page, "arXiv answered HTTP 503")).toBeVisible();
  await input.fill("2501.00000");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(alertWith(page, "arXiv has no paper with this id")).toBeVisible();
  await context.close();
});

test("a reader submits up to a number of papers a day; past it, a clear refusal and nothing added", async ({ browser }) => {
  test.setTimeout(90_000); // a dozen trips through the form
  const cap = LIMITS.submissionsPerUser;
  await insideOneWindow(cap.windowSeconds, 90);
  const context = await browser.newContext({ baseURL: outboxAppUrl });
  await signInAs(context, outboxAppUrl, undefined, outboxDb);
  const page = await context.newPage();
  const input = page.getByLabel("arXiv id or link");
  const submit = async (arxivId: string) => {
    await page.goto("/papers/submit");
    await input.fill(arxivId);
    await page.getByRole("button", { name: "Submit" }).click();
  };
  // Ids the local arXiv makes entries up for; a random block, so a rerun on the same database adds new ones.
  const base = 90_000 + Math.floor(Math.random() * 900) * 10;
  const ids = Array.from({ length: cap.max + 1 }, (_, i) => `2512.${base + i}`);
  for (const id of ids.slice(0, cap.max)) {
    await submit(id);
    await expect(page.getByRole("status")).toContainText(`Added to today’s papers: Generated paper ${id}`);
  }
  const last = ids.at(-1) ?? "";
  await submit(last);
  await expect(alertWith(page, `You have submitted ${cap.max} papers today (UTC), the daily limit.`)).toBeVisible();
  await expect(alertWith(page, /Try again in \d+ (hours?|minutes?|seconds?)\./)).toBeVisible();
  const { rows } = await outboxDb.query<{ arxiv_id: string }>("SELECT arxiv_id FROM papers WHERE arxiv_id = ANY($1)", [ids]);
  expect(rows.map((row) => row.arxiv_id).sort()).toEqual(ids.slice(0, cap.max));
  // A paper already here is still found and linked: the cap is on additions.
  await submit(ids[0] ?? "");
  await expect(page.getByRole("status")).toContainText("Already here");
  await context.close();
});

test.describe("JSON API with Hugging Face's field names", () => {
  test("daily papers by date, week and month, paged and sorted", async ({ request }) => {
    const day = await request.get("/api/daily_papers?date=2026-04-01");
    expect(day.status()).toBe(200);
    const items = await day.json();
    expect(items).toHaveLength(23);
    expect(Object.keys(items[0]).sort()).toEqual(["numComments", "paper", "publishedAt", "title"]);
    expect(Object.keys(items[0].paper)).toEqual(
      expect.arrayContaining(["id", "title", "summary", "authors", "publishedAt", "upvotes"]),
    );
    expect(items[0].paper.authors[0]).toHaveProperty("name");
    expect(items.every((item: { publishedAt: string }) => item.publishedAt === "2026-04-01T00:00:00.000Z")).toBe(true);

    const trending = await (await request.get("/api/daily_papers?week=2026-W14&sort=trending&limit=5")).json();
    expect(trending).toHaveLength(5);
    const second = await (await request.get("/api/daily_papers?month=2026-04&limit=10&p=1")).json();
    const first = await (await request.get("/api/daily_papers?month=2026-04&limit=10&p=0")).json();
    expect(second).toHaveLength(10);
    expect(second.map((i: { paper: { id: string } }) => i.paper.id)).not.toContain(first[0].paper.id);
  });

  test("bad parameters get 400 naming the parameter; answers are cacheable", async ({ request }) => {
    for (const [query, field] of [
      ["date=2026-02-30", "date"],
      ["week=2026-W60", "week"],
      ["month=2026-13", "month"],
      ["limit=0", "limit"],
      ["limit=101", "limit"],
      ["p=-1", "p"],
      ["sort=random", "sort"],
      ["date=2026-04-01&month=2026-04", "date"],
      ["colour=blue", "colour"],
    ]) {
      const response = await request.get(`/api/daily_papers?${query}`);
      expect(response.status(), query).toBe(400);
      expect((await response.json()).error.field, query).toBe(field);
    }
    const paper = await request.get("/api/papers/2307.04990");
    expect(await paper.json()).toMatchObject({
      id: "2307.04990",
      title: "Monotone deep Boltzmann machines",
      authors: [{ name: "Zhili Feng" }, { name: "Ezra Winston" }, { name: "J. Zico Kolter" }],
    });
    expect(paper.headers()["cache-control"]).toMatch(/max-age=\d+/);
    const etag = paper.headers().etag ?? "";
    expect((await request.get("/api/papers/2307.04990", { headers: { "if-none-match": etag } })).status()).toBe(304);
    expect((await request.get("/api/papers/2604.99999")).status()).toBe(404);
    expect((await request.get("/api/papers/nope")).status()).toBe(400);
  });

  test("one client address gets a number of requests a minute, shared by the API and the feeds; others go on", async ({
    request,
    baseURL,
  }) => {
    const limit = LIMITS.apiPerIp;
    const client = clientFromAnotherAddress(baseURL ?? "");
    const urls = ["/api/daily_papers?date=2026-04-01&limit=1", "/feeds/daily.xml", "/api/papers/2307.04990"];
    await insideOneWindow(limit.windowSeconds, 30);
    const statuses: number[] = [];
    for (let sent = 0; sent < limit.max; sent += 20) {
      const batch = Array.from({ length: Math.min(20, limit.max - sent) }, (_, i) =>
        client.get(urls[(sent + i) % urls.length] ?? ""),
      );
      statuses.push(...(await Promise.all(batch)).map((response) => response.status()));
    }
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    for (const url of [
      ...urls,
      "/api/papers/search?q=agent",
      "/feeds/trending.xml",
      "/api/authors/Ada%20Lovelace/papers",
      "/sitemap.xml",
    ]) {
      const refused = await client.get(url);
      expect(refused.status(), url).toBe(429);
      expect(Number(refused.headers()["retry-after"]), url).toBeGreaterThan(0);
      expect(Number(refused.headers()["retry-after"]), url).toBeLessThanOrEqual(limit.windowSeconds);
      expect(((await refused.json()) as { error: { message: string } }).error.message, url).toMatch(
        // At most the one-minute window: "in 1 minute" right after it began.
        /^Too many requests; try again in (\d+ seconds?|1 minute)\.$/,
      );
    }
    // Another client is not held back.
    expect((await request.get(urls[0] ?? "")).status()).toBe(200);
  });

  test("search", async ({ request }) => {
    const results = await (await request.get("/api/papers/search?q=boltzmann&limit=3")).json();
    expect(results[0].paper.id).toBe("2307.04990");
    expect((await request.get("/api/papers/search?q=")).status()).toBe(400);
    expect((await request.get("/api/papers/search")).status()).toBe(400);
    expect((await request.get(`/api/papers/search?q=${"x".repeat(300)}`)).status()).toBe(400);
  });
});

test("RSS feeds parse as XML, list the right items, and are discoverable", async ({ page, request }) => {
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "item" });
  const daily = await request.get("/feeds/daily.xml");
  expect(daily.headers()["content-type"]).toMatch(/application\/rss\+xml/);
  const channel = parser.parse(await daily.text()).rss.channel;
  expect(channel.title).toBe("Daily Papers");
  expect(channel.item[0].title).toBe("GLM-5V-Turbo: Toward a Native Foundation Model for Multimodal Agents");
  expect(channel.item[0].link).toMatch(/\/papers\/\d{4}\.\d{5}$/);
  expect(channel.item.every((item: { pubDate: string }) => !Number.isNaN(Date.parse(item.pubDate)))).toBe(true);

  const search = parser.parse(await (await request.get("/feeds/search.xml?q=boltzmann")).text()).rss.channel;
  expect(search.item[0].title).toBe("Monotone deep Boltzmann machines");
  expect((await request.get("/feeds/search.xml?q=%21%21")).status()).toBe(400);
  const trending = parser.parse(await (await request.get("/feeds/trending.xml")).text()).rss.channel;
  expect(trending.item.length).toBeGreaterThan(5);

  await page.goto("/");
  await expect(page.locator('link[rel="alternate"][type="application/rss+xml"]')).toHaveAttribute("href", /\/feeds\/daily\.xml$/);
});
