import { expect, test } from "@playwright/test";
import { insideOneWindow, signInAs, upvotesOf } from "./support";

// Papers of 2026-04-14, which no other test reads counts from.
const PAPER = "2604.11778";

test.describe("the upvote endpoint", () => {
  test("goes through every transition and answers the new count and state", async ({ context, baseURL }) => {
    await signInAs(context, baseURL ?? "");
    const api = context.request;
    const before = await upvotesOf(PAPER);
    const url = `/api/papers/${PAPER}/upvote`;

    const up = await api.post(url);
    expect(up.status()).toBe(200);
    expect(await up.json()).toEqual({ arxivId: PAPER, upvotes: before.upvotes + 1, upvoted: true });
    // up -> up: still one upvote
    expect(await (await api.post(url, { data: {} })).json()).toMatchObject({ upvotes: before.upvotes + 1, upvoted: true });
    // up -> none
    expect(await (await api.delete(url)).json()).toMatchObject({ upvotes: before.upvotes, upvoted: false });
    // none -> none: still none
    expect(await (await api.delete(url)).json()).toMatchObject({ upvotes: before.upvotes, upvoted: false });
    expect(await upvotesOf(PAPER)).toEqual(before);
  });

  test("refuses requests without a session, from another site, and bad ids and bodies", async ({
    context,
    baseURL,
    playwright,
  }) => {
    const anonymous = await playwright.request.newContext({ baseURL });
    const noSession = await anonymous.post(`/api/papers/${PAPER}/upvote`);
    expect(noSession.status()).toBe(401);
    expect((await noSession.json()).error.message).toMatch(/Sign in/);
    await anonymous.dispose();

    await signInAs(context, baseURL ?? "");
    const api = context.request;
    const crossSite = await api.post(`/api/papers/${PAPER}/upvote`, { headers: { origin: "https://evil.example" } });
    expect(crossSite.status()).toBe(403);
    expect((await api.post(`/api/papers/${PAPER}/upvote`, { headers: { "sec-fetch-site": "cross-site" } })).status()).toBe(403);

    const badId = await api.post("/api/papers/not-a-paper/upvote");
    expect(badId.status()).toBe(400);
    expect((await badId.json()).error.field).toBe("id");
    expect((await api.post("/api/papers/2604.99999/upvote")).status()).toBe(404);
    const badJson = await api.post(`/api/papers/${PAPER}/upvote`, {
      headers: { "content-type": "application/json" },
      data: "{nope",
    });
    expect(badJson.status()).toBe(400);
    expect((await api.post(`/api/papers/${PAPER}/upvote`, { data: { weight: 10 } })).status()).toBe(400);
    expect((await api.get(`/api/papers/${PAPER}/upvote`)).status()).toBe(405);
    expect(await upvotesOf(PAPER)).toMatchObject({ votes: (await upvotesOf(PAPER)).votes });
  });

  test("limits a user's upvotes per minute with 429 and Retry-After", async ({ context, baseURL }) => {
    await signInAs(context, baseURL ?? "");
    const url = "/api/papers/2604.11805/upvote";
    const statuses: number[] = [];
    // The limit counts in fixed minutes: all 62 requests inside one of them.
    await insideOneWindow(60, 20);
    for (let i = 0; i < 61; i++) statuses.push((await context.request.post(url)).status());
    expect(statuses.slice(0, 60).every((status) => status === 200)).toBe(true);
    const limited = await context.request.post(url);
    expect(limited.status()).toBe(429);
    expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
  });
});

test("double clicks and a second tab cannot count twice", async ({ context, baseURL }) => {
  await signInAs(context, baseURL ?? "");
  const arxivId = "2604.10905";
  const before = await upvotesOf(arxivId);
  const results = await Promise.all(Array.from({ length: 8 }, () => context.request.post(`/api/papers/${arxivId}/upvote`)));
  expect(results.every((response) => response.status() === 200)).toBe(true);
  expect(await upvotesOf(arxivId)).toEqual({ upvotes: before.upvotes + 1, votes: before.votes + 1 });
});

test("a signed-in reader sees their own upvotes on every page, on a phone too", async ({ page, context, baseURL }) => {
  await signInAs(context, baseURL ?? "");
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/papers/2604.10030");
  await page.getByRole("button", { name: /^Upvote/ }).click();
  await expect(page.getByRole("button", { name: /^Remove your upvote/ })).not.toHaveAttribute("data-pending");
  // Wherever its card is: the paper's day (page 1 or 2: a busy day), and a search that finds it.
  const title = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";
  const onDay = (await page.request.get("/papers/date/2026-04-14").then((r) => r.text())).includes('data-arxiv-id="2604.10030"')
    ? "/papers/date/2026-04-14"
    : "/papers/date/2026-04-14/page/2";
  for (const url of [onDay, `/papers?q=${encodeURIComponent(title.replace(/[^\p{L}\p{N} ]+/gu, " "))}`]) {
    await page.goto(url);
    const card = page.locator('[data-arxiv-id="2604.10030"]');
    await expect(card.getByRole("button", { name: /^Remove your upvote/ }), url).toHaveAttribute("aria-pressed", "true");
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), url).toBeLessThanOrEqual(0);
  }
  // The search page renders its results from their data (a client list): their pills are live there too.
  const result = page.locator('[data-testid="search-result"][data-arxiv-id="2604.10030"]');
  await result.getByRole("button", { name: /^Remove your upvote/ }).click();
  await expect(result.getByRole("button", { name: /^Upvote/ })).toHaveAttribute("aria-pressed", "false");
  await expect(result.getByRole("button", { name: /^Upvote/ })).not.toHaveAttribute("data-pending");
  await page.reload();
  await expect(result.getByRole("button", { name: /^Upvote/ })).toHaveAttribute("aria-pressed", "false");
  await page.goto("/auth/signin");
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
});
