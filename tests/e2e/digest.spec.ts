import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { LIMITS } from "../../lib/rate-limit/limits";
import {
  e2eDb,
  firstLink,
  insideOneWindow,
  mailTo,
  operatorKey,
  outboxAppUrl,
  outboxDb,
  runScript,
  signInAs,
  uniqueEmail,
} from "./support";

/** `npm run digest -- --date ...` against the end-to-end database and SMTP server. */
const runDigestCli = (baseURL: string, args: string[]) => runScript("scripts/digest.ts", args, baseURL);

async function subscriberStatus(email: string): Promise<string | undefined> {
  const { rows } = await e2eDb.query<{ status: string }>("SELECT status FROM subscribers WHERE email = $1", [email]);
  return rows[0]?.status;
}

/** A subscriber as their links know them (a 43-character token), without going through the subscribe box. */
async function addSubscriber(label: string, status: "pending" | "active") {
  const email = uniqueEmail(label);
  const token = `${"A".repeat(38)}${randomUUID().replace(/-/g, "").slice(0, 5)}`;
  await e2eDb.query(`INSERT INTO subscribers (id, email, token, status, updated_at) VALUES ($1, $2, $3, $4, now())`, [
    `s-${token}`,
    email,
    token,
    status,
  ]);
  return { email, token };
}

test("subscribe, confirm from the inbox, receive the digest, leave with one click", async ({
  page,
  request,
  playwright,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const email = uniqueEmail("reader");
  await page.goto("/papers/date/2026-04-29");
  const strip = page.getByRole("region", { name: "Email digest" });
  await expect(strip).toContainText("Get trending papers in your email inbox!");
  await strip.getByLabel("Email address").fill(email);
  await strip.getByRole("button", { name: "Subscribe" }).click();
  await expect(strip.getByRole("status")).toHaveText(`Almost done: check ${email} for a link to confirm.`);
  expect(await subscriberStatus(email)).toBe("pending");

  const [confirmation] = await mailTo(email);
  expect(confirmation?.subject).toBe("Confirm your Daily Papers subscription");
  const confirmLink = firstLink(confirmation?.text ?? "", /\/digest\/confirm\//);
  expect((await request.get(confirmLink)).status()).toBe(200); // a scanner opening it confirms nothing
  expect(await subscriberStatus(email)).toBe("pending");
  await page.goto(confirmLink);
  await page.getByRole("button", { name: "Confirm subscription" }).click();
  await expect(page.getByRole("status")).toHaveText(/You are subscribed/);
  expect(await subscriberStatus(email)).toBe("active");

  const run = await runDigestCli(baseURL ?? "", ["--date", "2026-04-29"]);
  expect(run.code, run.output).toBe(0);
  expect(run.output).toMatch(/Daily digest for Wed, Apr 29, 2026: 19 papers/);
  const digest = (await mailTo(email, 2))[1];
  expect(digest?.subject).toMatch(/^Trending papers, Apr 29, 2026: /);
  expect(digest?.text).toMatch(/^1\. .+\n {3}\d+ authors · ▲ \d+ · Apr 29, 2026/m);
  const unsubscribe = digest?.headers["list-unsubscribe"]?.replace(/^<|>$/g, "") ?? "";
  expect(unsubscribe).toMatch(/\/api\/digest\/unsubscribe\?token=[\w-]{43}$/);
  expect(digest?.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");

  // Opening the link changes nothing: it asks.
  const opened = await request.get(unsubscribe, { maxRedirects: 0 });
  expect(opened.status()).toBe(303);
  expect(opened.headers().location).toMatch(/\/digest\/preferences\/[\w-]{43}\?unsubscribe=1$/);
  expect(await subscriberStatus(email)).toBe("active");

  // The mail client's one-click POST, with no cookie: unsubscribed, 200, no redirect.
  const mailClient = await playwright.request.newContext();
  const oneClick = await mailClient.post(unsubscribe, {
    headers: { "content-type": "application/x-www-form-urlencoded" },
    data: "List-Unsubscribe=One-Click",
    maxRedirects: 0,
  });
  expect(oneClick.status()).toBe(200);
  expect(oneClick.headers().location).toBeUndefined();
  await mailClient.dispose();
  expect(await subscriberStatus(email)).toBe("unsubscribed");

  // An unsubscribed address gets nothing more.
  expect((await runDigestCli(baseURL ?? "", ["--date", "2026-04-28"])).code).toBe(0);
  await page.waitForTimeout(500);
  expect(await mailTo(email, 2)).toHaveLength(2);
});

test("a signed-in reader with a verified address subscribes with one click", async ({ page, context, baseURL }) => {
  const { email } = await signInAs(context, baseURL ?? "");
  await page.goto("/");
  const strip = page.getByRole("region", { name: "Email digest" });
  await strip.getByRole("button", { name: `Subscribe as ${email}` }).click();
  await expect(strip).toContainText("You are subscribed.");
  expect(await subscriberStatus(email)).toBe("active");
  await page.reload();
  await strip.getByRole("link", { name: "Preferences" }).click();
  await expect(page.getByRole("heading", { name: "Your digest" })).toBeVisible();
});

test("preferences without a login: frequency, keywords, pause; a tampered link is a 404", async ({ page }) => {
  const { email, token } = await addSubscriber("prefs", "active");
  await page.goto(`/digest/preferences/${token}`);
  await page.getByLabel("Weekly (Mondays)").check();
  await page.getByLabel("Only papers about (optional)").fill("Agents, diffusion");
  await page.getByLabel("Pause the digest for now").check();
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");
  const { rows } = await e2eDb.query("SELECT status, frequency, keywords FROM subscribers WHERE email = $1", [email]);
  expect(rows[0]).toEqual({ status: "paused", frequency: "weekly", keywords: "agents, diffusion" });

  await page.getByLabel("Only papers about (optional)").fill(Array.from({ length: 12 }, (_, i) => `topic${i}`).join(","));
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "keywords" })).toHaveText(/At most 10 keywords/);

  for (const bad of [`${token.slice(0, -1)}${token.endsWith("Z") ? "Y" : "Z"}`, "not-a-token", `${token}extra`]) {
    const response = await page.goto(`/digest/preferences/${bad}`);
    expect(response?.status(), bad).toBe(404);
  }
  expect((await page.goto(`/digest/confirm/${token.slice(0, -1)}Q`))?.status()).toBe(404);
});

test("confirming and leaving from the links' pages work without JavaScript", async ({ browser }) => {
  const { email, token } = await addSubscriber("noscript-digest", "pending");
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`/digest/confirm/${token}`);
  await page.getByRole("button", { name: "Confirm subscription" }).click();
  await expect(page.getByRole("status")).toHaveText("This address is confirmed: the digest comes to it.");
  expect(await subscriberStatus(email)).toBe("active");

  // The page an email's "unsubscribe" link opens asks; its button leaves, and offers the way back.
  await page.goto(`/digest/preferences/${token}?unsubscribe=1`);
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(page.getByText(`${email} is unsubscribed: no more digests go there.`)).toBeVisible();
  expect(await subscriberStatus(email)).toBe("unsubscribed");
  await page.getByRole("button", { name: "Subscribe again" }).click();
  await expect(page.getByRole("button", { name: "Save preferences" })).toBeVisible();
  expect(await subscriberStatus(email)).toBe("active");

  // Preferences too: the page comes back saying so, showing what was saved, or what was wrong.
  await page.getByLabel("Weekly (Mondays)").check();
  await page.getByLabel("Only papers about (optional)").fill("Agents, diffusion");
  await page.getByLabel("Pause the digest for now").check();
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");
  await expect(page.getByLabel("Weekly (Mondays)")).toBeChecked();
  await expect(page.getByLabel("Pause the digest for now")).toBeChecked();
  const { rows } = await e2eDb.query("SELECT status, frequency, keywords FROM subscribers WHERE email = $1", [email]);
  expect(rows[0]).toEqual({ status: "paused", frequency: "weekly", keywords: "agents, diffusion" });
  await page.getByLabel("Only papers about (optional)").fill(Array.from({ length: 12 }, (_, i) => `topic${i}`).join(","));
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "keywords" })).toHaveText(/At most 10 keywords/);
  await context.close();
});

test("the subscribe box refuses a bad address and says the same thing twice for one address", async ({ page }) => {
  await page.goto("/");
  const strip = page.getByRole("region", { name: "Email digest" });
  await strip.getByLabel("Email address").fill("not-an-address");
  await strip.getByRole("button", { name: "Subscribe" }).click();
  await expect(strip.getByRole("alert")).toHaveText(/valid email address/);

  const email = uniqueEmail("twice");
  for (let i = 0; i < 2; i++) {
    await page.goto("/");
    await strip.getByLabel("Email address").fill(email.toUpperCase());
    await strip.getByRole("button", { name: "Subscribe" }).click();
    await expect(strip.getByRole("status")).toHaveText(`Almost done: check ${email} for a link to confirm.`);
  }
  const { rows } = await e2eDb.query("SELECT count(*)::int AS n FROM subscribers WHERE email = $1", [email]);
  expect(rows[0]?.n).toBe(1);
});

// On the second server (own database, so its own counters): the browser's requests all come from
// 127.0.0.1, and using up that address's limit must not hold back the other tests.
test("the subscribe box is limited per address and per client address, and says when to come back", async ({ browser }) => {
  test.setTimeout(90_000); // some twenty trips through the form
  const { subscribePerEmail: perEmail, subscribePerIp: perIp } = LIMITS;
  const context = await browser.newContext({ baseURL: outboxAppUrl });
  const page = await context.newPage();
  const strip = page.getByRole("region", { name: "Email digest" });
  const subscribe = async (email: string) => {
    await page.goto("/");
    await strip.getByLabel("Email address").fill(email);
    await strip.getByRole("button", { name: "Subscribe" }).click();
    await expect(strip.getByRole("status").or(strip.getByRole("alert"))).toBeVisible();
  };
  await insideOneWindow(Math.min(perEmail.windowSeconds, perIp.windowSeconds), 90);

  const keen = uniqueEmail("keen");
  for (let i = 0; i < perEmail.max; i++) {
    await subscribe(keen);
    await expect(strip.getByRole("status")).toHaveText(`Almost done: check ${keen} for a link to confirm.`);
  }
  await subscribe(keen);
  await expect(strip.getByRole("alert")).toHaveText(/^Too many requests; try again in \d+ minutes?\.$/);
  const { rows } = await outboxDb.query("SELECT count(*)::int AS n FROM subscribers WHERE email = $1", [keen]);
  expect(rows[0]?.n).toBe(1);

  // The address's refused request counted against this client address as well.
  for (let i = perEmail.max + 1; i < perIp.max; i++) {
    const email = uniqueEmail(`office${i}`);
    await subscribe(email);
    await expect(strip.getByRole("status")).toHaveText(`Almost done: check ${email} for a link to confirm.`);
  }
  const late = uniqueEmail("late");
  await subscribe(late);
  await expect(strip.getByRole("alert")).toHaveText(/^Too many requests; try again in \d+ minutes?\.$/);
  const { rows: lateRows } = await outboxDb.query("SELECT 1 FROM subscribers WHERE email = $1", [late]);
  expect(lateRows).toEqual([]);
  await context.close();
});

test("the operator previews the latest digest in the browser", async ({ page }) => {
  expect((await page.goto("/digest/preview"))?.status()).toBe(404);
  await page.goto(`/operator?key=${operatorKey("smtp")}&next=/digest/preview`);
  await expect(page.getByTestId("digest-subject")).toHaveText(/^Subject: Trending papers, Apr 30, 2026: GLM-5V-Turbo/);
  await expect(page.frameLocator("iframe").getByRole("link", { name: /GLM-5V-Turbo/ })).toBeVisible();
  await page.getByRole("link", { name: "Show the weekly one" }).click();
  await expect(page.getByTestId("digest-subject")).toHaveText(/^Subject: Trending papers, Week 18, 2026: /);
});

test("the operator sees where scheduled ingestion stands", async ({ page }) => {
  expect((await page.goto("/operator/ingest"))?.status()).toBe(404);
  await e2eDb.query(
    `INSERT INTO ingest_sources (source, cursor, last_run_at, last_success_at, last_error, last_error_at, last_added, papers_added)
     VALUES ('hf-daily', '2026-04-29', now(), now() - interval '1 day', 'HTTP 503 from huggingface.co', now(), 0, 120)
     ON CONFLICT (source) DO NOTHING`,
  );
  await page.goto(`/operator?key=${operatorKey("smtp")}&next=/operator/ingest`);
  await expect(page.getByRole("heading", { name: "Ingestion" })).toBeVisible();
  await expect(page.getByText(/Scheduled ingestion is off: set INGEST_CRON/)).toBeVisible();
  const row = page.getByRole("row", { name: /hf-daily/ });
  await expect(row).toContainText("2026-04-29");
  await expect(row).toContainText("120");
  await expect(row).toContainText("HTTP 503 from huggingface.co");
});
