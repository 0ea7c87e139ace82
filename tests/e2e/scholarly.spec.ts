import { expect, test } from "@playwright/test";
import { XMLParser } from "fast-xml-parser";
import { e2eDb } from "./support";

/**
 * What search engines, reference managers and feed readers read of us: Highwire Press tags (as
 * Zotero's connector and Google Scholar parse them), JSON-LD, robots.txt, the sitemap index down to
 * each paper, the social card, authors in RSS and feed autodiscovery on paper pages.
 */
const PAPER = "2307.04990";

test("a paper page carries Highwire citation tags a parser reads back, and JSON-LD", async ({ page }) => {
  await page.goto(`/papers/${PAPER}`);
  // What a Highwire parser does: every meta[name^=citation_], in document order, repeated names kept.
  const tags = await page.evaluate(() =>
    [...document.querySelectorAll('meta[name^="citation_"]')].map((meta) => [
      meta.getAttribute("name"),
      meta.getAttribute("content"),
    ]),
  );
  const values = (name: string) => tags.filter(([key]) => key === name).map(([, value]) => value);
  expect(values("citation_title")).toEqual(["Monotone deep Boltzmann machines"]);
  expect(values("citation_author")).toEqual(["Zhili Feng", "Ezra Winston", "J. Zico Kolter"]);
  expect(values("citation_publication_date")).toEqual(["2023/07/10"]);
  expect(values("citation_arxiv_id")).toEqual([PAPER]);
  expect(values("citation_pdf_url")).toEqual([`https://arxiv.org/pdf/${PAPER}`]);

  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
  expect(jsonLd).toMatchObject({
    "@type": "ScholarlyArticle",
    name: "Monotone deep Boltzmann machines",
    datePublished: "2023-07-10",
    author: [{ name: "Zhili Feng" }, { name: "Ezra Winston" }, { name: "J. Zico Kolter" }],
  });
  // Feed autodiscovery and the social card, on the paper page too.
  const feeds = page.locator('link[rel="alternate"][type="application/rss+xml"]');
  await expect(feeds.first()).toHaveAttribute("href", /\/feeds\/daily\.xml$/);
  await expect(feeds.nth(1)).toHaveAttribute("href", new RegExp(`/feeds/comments/${PAPER}\\.xml$`));
  const card = await page.locator('meta[property="og:image"]').getAttribute("content");
  expect(card).toMatch(new RegExp(`/papers/${PAPER}/card\\.png$`));
});

test("the social card is a 1200 x 630 PNG drawn by the app", async ({ request }) => {
  const response = await request.get(`/papers/${PAPER}/card.png`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("image/png");
  const png = await response.body();
  expect(png.subarray(1, 4).toString()).toBe("PNG");
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
  expect((await request.get("/papers/2307.99999/card.png")).status()).toBe(404);
  // Drawn once and kept (a draw is ~100 ms of CPU), counted against the client's read limit, one
  // address however it is spelt.
  const again = await request.get(`/papers/${PAPER}/card.png`);
  expect(again.headers()["x-page-cache"]).toBe("HIT");
  expect(Buffer.compare(await again.body(), png)).toBe(0);
  expect(Number(again.headers()["x-ratelimit-remaining"])).toBeGreaterThanOrEqual(0);
  const busted = await request.get(`/papers/${PAPER}/card.png?cb=1`, { maxRedirects: 0 });
  expect([busted.status(), busted.headers().location]).toEqual([308, `/papers/${PAPER}/card.png`]);
});

test("robots.txt points to a sitemap index whose files list every paper, 10,000 at most each, kept in the page cache", async ({
  request,
  baseURL,
}) => {
  const robots = await (await request.get("/robots.txt")).text();
  expect(robots).toMatch(/User-Agent: \*/i);
  expect(robots).toContain("Disallow: /api/");
  const sitemapUrl = /Sitemap: (\S+)/.exec(robots)?.[1] ?? "";
  expect(sitemapUrl).toBe(`${baseURL}/sitemap.xml`);

  const parser = new XMLParser({ isArray: (name) => name === "sitemap" || name === "url" });
  const index = parser.parse(await (await request.get("/sitemap.xml")).text()).sitemapindex.sitemap as { loc: string }[];
  const { rows: before } = await e2eDb.query<{ n: number }>("SELECT count(*)::int AS n FROM papers");
  const listed = new Set<string>();
  for (const { loc } of index) {
    const response = await request.get(new URL(loc).pathname);
    expect(response.status(), loc).toBe(200);
    const urls = (parser.parse(await response.text()).urlset.url ?? []) as { loc: string }[];
    expect(urls.length).toBeLessThanOrEqual(10_000);
    for (const url of urls) listed.add(new URL(url.loc).pathname);
  }
  expect(listed.has(`/papers/${PAPER}`)).toBe(true);
  expect(listed.has("/")).toBe(true);
  // Every paper, whatever other tests add meanwhile.
  const papers = [...listed].filter((path) => /^\/papers\/\d{4}\.\d{4,5}$/.test(path)).length;
  const { rows } = await e2eDb.query<{ n: number }>("SELECT count(*)::int AS n FROM papers");
  expect(papers).toBeGreaterThan(100);
  expect(papers).toBeLessThanOrEqual(rows[0]?.n ?? 0);
  expect(papers).toBeGreaterThanOrEqual(before[0]?.n ?? 0);
  expect((await request.get("/sitemaps/papers/999.xml")).status()).toBe(404);
  // Kept: asked twice in a row, the second is answered from memory (unless a test added a paper between).
  const file = new URL(index[1]?.loc ?? "").pathname;
  await expect(async () => {
    await request.get(file);
    expect((await request.get(file)).headers()["x-page-cache"]).toBe("HIT");
  }).toPass({ timeout: 10_000 });
});

test("RSS items name each author (dc:creator)", async ({ request }) => {
  const parser = new XMLParser({ isArray: (name) => name === "item" || name === "dc:creator" });
  const channel = parser.parse(await (await request.get("/feeds/search.xml?q=boltzmann")).text()).rss.channel;
  const item = channel.item.find((entry: { title: string }) => entry.title === "Monotone deep Boltzmann machines");
  expect(item["dc:creator"]).toEqual(["Zhili Feng", "Ezra Winston", "J. Zico Kolter"]);
});
