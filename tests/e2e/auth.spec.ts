import { expect, type Page, test } from "@playwright/test";
import { LIMITS } from "../../lib/rate-limit/limits";
import { GITHUB_TEST_CLIENT } from "../support/oauth";
import {
  alertWith,
  clientFromAnotherAddress,
  e2eDb,
  firstLink,
  type HttpClient,
  insideOneWindow,
  mailTo,
  operatorKey,
  outboxAppUrl,
  sendRaw,
  uniqueEmail,
} from "./support";

/** What the sign-in form does: a CSRF token, then a POST asking for a magic link. */
async function askForLink(context: HttpClient, email: string) {
  const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  return context.post("/api/auth/signin/email", { form: { email, csrfToken, callbackUrl: "/", json: "true" } });
}

test("sign in from the emailed link, upvote, reload, take it back, sign out", async ({ page, request, baseURL }) => {
  const email = uniqueEmail("ada");
  await page.goto("/papers/date/2026-04-13");
  const card = page.locator('[data-testid="paper-card"][data-arxiv-id="2604.09201"]');
  await expect(card.getByTestId("upvote-count")).toHaveText("0");
  await card.getByRole("link", { name: /Sign in to upvote/ }).click();
  await expect(page).toHaveURL(/\/auth\/signin\?callbackUrl=%2Fpapers%2Fdate%2F2026-04-13&reason=upvote$/);
  await expect(page.getByText(/^Sign in to upvote papers\./)).toBeVisible();

  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();

  const [mail] = await mailTo(email);
  expect(mail?.subject).toBe("Sign in to Daily Papers");
  const link = firstLink(mail?.text ?? "", /\/auth\/confirm\?/);
  // A mail scanner fetching the link must not use it up.
  expect((await request.get(link)).status()).toBe(200);
  // Nor a GET of next-auth's own callback URL (a scanner, a prefetch, a link on another site): it
  // leads to the button page with the token unspent. A cross-site POST of it (login CSRF) is refused.
  const query = new URL(link).searchParams.toString();
  const callback = `/api/auth/callback/email?${query}`;
  const viaGet = await request.get(callback, { maxRedirects: 0 });
  expect(viaGet.status()).toBe(303);
  expect(viaGet.headers().location).toBe(`/auth/confirm?${query}`);
  expect(viaGet.headers()["set-cookie"] ?? "").not.toMatch(/session-token/);
  expect((await request.post(callback, { headers: { origin: "https://evil.example" }, maxRedirects: 0 })).status()).toBe(403);
  // Other spellings of the same path, which Next.js decodes and normalises to it, go the same way:
  // first to the canonical address, then to the button page, never signed in on the way.
  for (const spelling of ["/api/auth/callback/%65mail", "/x/%2e%2e/api/auth/callback/email", "/api//auth/./callback/email"]) {
    const first = await sendRaw(baseURL ?? "", "GET", `${spelling}?${query}`);
    expect([first.status, first.headers.location], spelling).toEqual([308, callback]);
    const second = await request.get(first.headers.location ?? "", { maxRedirects: 0 });
    expect(second.status()).toBe(303);
    expect(second.headers()["set-cookie"] ?? "").not.toMatch(/session-token/);
    const posted = await sendRaw(baseURL ?? "", "POST", `${spelling}?${query}`, { origin: "https://evil.example" });
    expect(posted.status, spelling).toBe(400);
  }

  await page.goto(link);
  await expect(page.getByText(`Sign in as ${email}?`)).toBeVisible();
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/papers\/date\/2026-04-13$/);
  await expect(page.locator("summary", { hasText: email })).toBeVisible();

  const button = card.getByRole("button", { name: /^Upvote/ });
  await button.click();
  await expect(card.getByRole("button", { name: /^Remove your upvote/ })).toHaveAttribute("aria-pressed", "true");
  await expect(card.getByTestId("upvote-count")).toHaveText("1");
  await expect(card.getByRole("button", { name: /upvote/ })).not.toHaveAttribute("data-pending"); // the server answered

  await page.reload();
  await expect(card.getByRole("button", { name: /^Remove your upvote/ })).toHaveAttribute("aria-pressed", "true");
  await expect(card.getByTestId("upvote-count")).toHaveText("1");
  // Shown as upvoted on the paper page too.
  await page.goto("/papers/2604.09201");
  await expect(page.getByRole("button", { name: /^Remove your upvote/ })).toBeVisible();

  await page.getByRole("button", { name: /^Remove your upvote/ }).click();
  await expect(page.getByRole("button", { name: /^Upvote/ })).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByTestId("upvote-count")).toHaveText("0");
  await expect(page.getByRole("button", { name: /upvote/ })).not.toHaveAttribute("data-pending");
  await page.reload();
  await expect(page.getByTestId("upvote-count")).toHaveText("0");

  await page.locator("summary", { hasText: email }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: /Sign in to upvote/ }).first()).toBeVisible();
});

test("a used link and an expired link are refused", async ({ page }) => {
  const email = uniqueEmail("bob");
  await page.goto("/auth/signin");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  const link = firstLink((await mailTo(email))[0]?.text ?? "", /\/auth\/confirm\?/);

  await page.goto(link);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("summary", { hasText: email })).toBeVisible();
  await page.context().clearCookies();

  await page.goto(link);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "This sign-in link no longer works" })).toBeVisible();

  // A second link, aged past its 15 minutes in the database.
  await page.goto("/auth/signin");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  const second = firstLink((await mailTo(email, 2))[1]?.text ?? "", /\/auth\/confirm\?/);
  const aged = await e2eDb.query(`UPDATE verification_tokens SET expires = now() - interval '1 minute' WHERE identifier = $1`, [
    email,
  ]);
  expect(aged.rowCount).toBe(1);
  await page.goto(second);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "This sign-in link no longer works" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
});

test("the sign-in page refuses a bad address and other sites as return addresses", async ({ page }) => {
  await page.goto("/auth/signin?callbackUrl=https%3A%2F%2Fevil.example%2F");
  await page.getByLabel("Email address").fill("not an address");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "valid email address" })).toBeVisible();

  const email = uniqueEmail("eve");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  const link = firstLink((await mailTo(email))[0]?.text ?? "", /\/auth\/confirm\?/);
  expect(new URL(link).searchParams.get("callbackUrl")).not.toContain("evil.example");
  await page.goto(link);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/$/);
});

test("magic-link requests are rate limited per address, with Retry-After, and answer alike for known and unknown addresses", async ({
  request,
  baseURL,
}) => {
  const ask = (email: string) => askForLink(request, email);
  const known = uniqueEmail("known");
  await e2eDb.query(`INSERT INTO users (id, email) VALUES ($1, $2)`, [`known-${known}`, known]);
  // One after the other: the two share a cookie jar, and so the CSRF cookie.
  const forKnown = await ask(known);
  const forUnknown = await ask(uniqueEmail("unknown"));
  expect(forKnown.status()).toBe(200);
  expect(forUnknown.status()).toBe(200);
  expect(await forKnown.json()).toEqual(await forUnknown.json());

  const email = uniqueEmail("spam");
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) statuses.push((await ask(email)).status());
  expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  const limited = await ask(email);
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
  // Without JavaScript the form lands on this page, which says when to come back.
  const { url } = (await limited.json()) as { url: string };
  const errorPage = await request.get(url);
  expect(await errorPage.text()).toMatch(
    // Minutes, or seconds when the quarter-hour window is about to turn over.
    /Too many links were asked for this address or from this network\.\s*(<!-- -->)?\s*Try again in \d+ (minutes?|seconds?)\./,
  );
  await mailTo(email, 5);
  // A stranger who asked for someone's links has locked out only themselves: the owner, on their own
  // network, still gets theirs.
  const owner = clientFromAnotherAddress(baseURL ?? "");
  expect((await askForLink(owner, email)).status()).toBe(200);
  await mailTo(email, 6);
});

test("the per-address limit counts the address next-auth mails, however it is written and whatever the body's type", async ({
  baseURL,
}) => {
  const client = clientFromAnotherAddress(baseURL ?? "");
  const email = uniqueEmail("victim");
  const csrf = async () => ((await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
  const asForm = async (address: string) =>
    (
      await client.post("/api/auth/signin/email", {
        form: { email: address, csrfToken: await csrf(), callbackUrl: "/", json: "true" },
      })
    ).status();
  const asJson = async (address: string) =>
    (
      await client.post("/api/auth/signin/email", {
        data: { email: address, csrfToken: await csrf(), callbackUrl: "/", json: "true" },
      })
    ).status();
  const limit = LIMITS.signInPerEmailAndIp;
  await insideOneWindow(limit.windowSeconds, 30);
  // Five spellings of one address (the cap), two of them as JSON: next-auth mails the same address each time.
  const allowed = [
    await asForm(email),
    await asJson(email),
    await asForm(`${email},1`),
    await asForm(` ${email.toUpperCase()} `),
    await asJson(`${email},2`),
  ];
  expect(allowed).toEqual([200, 200, 200, 200, 200]);
  expect(await asJson(`${email},3`)).toBe(429);
  expect(await asForm(email)).toBe(429);
  expect(await mailTo(email, limit.max)).toHaveLength(limit.max);
});

test("magic-link requests are limited per client address too, whatever the addresses asked for", async ({ request, baseURL }) => {
  const limit = LIMITS.signInPerIp;
  const client = clientFromAnotherAddress(baseURL ?? "");
  await insideOneWindow(limit.windowSeconds, 60);
  const statuses: number[] = [];
  for (let i = 0; i < limit.max; i++) statuses.push((await askForLink(client, uniqueEmail(`office${i}`))).status());
  expect(statuses.filter((status) => status !== 200)).toEqual([]);
  const refused = await askForLink(client, uniqueEmail("one-more"));
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
    /^Too many sign-in requests; try again in \d+ (seconds?|minutes?)\.$/,
  );
  // Someone on another network still gets their link.
  expect((await askForLink(request, uniqueEmail("elsewhere"))).status()).toBe(200);
});

test("the sign-in form says when an address has asked for too many links, and keeps what was typed", async ({
  page,
  baseURL,
}) => {
  const limit = LIMITS.signInPerEmail;
  const email = uniqueEmail("flooded");
  await insideOneWindow(limit.windowSeconds, 60);
  // The address's links used up from other networks (each under its own per-network limit).
  for (let i = 0; i < limit.max; i++) {
    expect((await askForLink(clientFromAnotherAddress(baseURL ?? ""), email)).status()).toBe(200);
  }
  await page.goto("/auth/signin");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(alertWith(page, "Too many sign-in requests for this address or network. Wait a few minutes")).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveValue(email);
  await expect(page).toHaveURL(/\/auth\/signin$/);
  // No link went out for the refused request.
  expect(await mailTo(email, limit.max)).toHaveLength(limit.max);
});

test("a fresh clone (no SMTP_URL, no APP_URL) opened at 127.0.0.1 signs in through the local mailbox, staying there", async ({
  browser,
}) => {
  // The app's default address is localhost: everything below must stay on 127.0.0.1, where the cookies are.
  const context = await browser.newContext({ baseURL: outboxAppUrl });
  const page = await context.newPage();
  const email = uniqueEmail("newcomer");
  // Whoever runs the app opens the link `npm start` printed, once: the mailbox is theirs from then on.
  await page.goto(`/operator?key=${operatorKey("outbox")}`);
  await expect(page.getByRole("heading", { name: "Local mailbox" })).toBeVisible();
  expect(page.url()).toBe(`${outboxAppUrl}/dev/mailbox`);
  await page.goto("/auth/signin");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await page.getByRole("link", { name: "open the local mailbox" }).click();
  await expect(page.getByRole("heading", { name: "Local mailbox" })).toBeVisible();
  await page.getByRole("link", { name: new RegExp(`to ${email}`) }).click();
  const link = page.getByTestId("mail-text").getByRole("link", { name: /\/auth\/confirm/ });
  expect(await link.getAttribute("href")).toMatch(new RegExp(`^${outboxAppUrl.replaceAll(".", "\\.")}/auth/confirm\\?`));
  await link.click();
  // The confirm page's form signs in and its redirect is allowed (CSP form-action 'self'): same origin.
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("summary", { hasText: email })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(outboxAppUrl);
  await context.close();
});

test("the local mailbox does not exist when SMTP is configured, and opens only with the operator's key", async ({ request }) => {
  expect((await request.get("/dev/mailbox")).status()).toBe(404);
  // On this machine, but without the key: nothing here (a proxy on the host makes everyone local).
  expect((await request.get(`${outboxAppUrl}/dev/mailbox`)).status()).toBe(404);
  expect((await request.get(`${outboxAppUrl}/operator?key=${"x".repeat(43)}`, { maxRedirects: 0 })).status()).toBe(404);
  const entrance = await request.get(`${outboxAppUrl}/operator?key=${operatorKey("outbox")}`, { maxRedirects: 0 });
  expect(entrance.status()).toBe(303);
  expect(entrance.headers()["set-cookie"]).toMatch(/^dp_operator=[\w-]+; Path=\/; HttpOnly; SameSite=Lax/);
  const cookie = (entrance.headers()["set-cookie"] ?? "").split(";")[0] ?? "";
  expect((await request.get(`${outboxAppUrl}/dev/mailbox`, { headers: { cookie } })).status()).toBe(200);
  // A made-up cookie opens nothing.
  expect((await request.get(`${outboxAppUrl}/dev/mailbox`, { headers: { cookie: "dp_operator=forged" } })).status()).toBe(404);
});

test("with APP_URL naming this machine, a browser that used another of its names is sent to APP_URL's", async ({ baseURL }) => {
  const app = new URL(baseURL ?? "");
  const other = `localhost:${app.port}`;
  const moved = await sendRaw(app.origin, "GET", "/papers?q=diffusion", { host: other });
  expect([moved.status, moved.headers.location]).toEqual([308, `${app.origin}/papers?q=diffusion`]);
  // Health checks answer on any name; a proxy (which passes its own Host) is not second-guessed.
  expect((await sendRaw(app.origin, "GET", "/api/health", { host: other })).status).toBe(200);
  expect((await sendRaw(app.origin, "GET", "/papers/trending", { host: other, "x-forwarded-for": "10.0.0.1" })).status).toBe(200);
  // Not a name of this machine: answered as it is (links in it use APP_URL).
  expect((await sendRaw(app.origin, "GET", "/papers/trending", { host: "papers.example.org" })).status).toBe(200);
});

test("the header leads to For you and the reading list; the sign-in page says why the reader came", async ({ page }) => {
  await page.goto("/");
  const yours = page.getByRole("navigation", { name: "Your pages" });
  await expect(yours.getByRole("link", { name: "Reading list" })).toHaveAttribute("href", "/me/saved");
  await yours.getByRole("link", { name: "For you" }).click();
  await expect(page).toHaveURL(/\/auth\/signin\?callbackUrl=%2Fpapers%2Ffor-you$/);
  await expect(page.getByText(/^Sign in to see the papers picked for you/)).toBeVisible();
  await page.goto("/me/saved");
  await expect(page.getByText(/^Sign in to open your reading list\./)).toBeVisible();
  await page.goto("/papers/2307.04990");
  await page.getByRole("link", { name: "Sign in to comment" }).click();
  await expect(page.getByText(/^Sign in to join the discussion\./)).toBeVisible();
  // Once signed in, the reader goes back to the paper.
  expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe("/papers/2307.04990");
});

test("the sign-in form works before (and without) the page's scripts, which wait for the reader", async ({ browser, page }) => {
  // As a browser first gets it: no script of the runtime runs until the reader taps or types.
  const response = await page.request.get("/auth/signin?callbackUrl=%2Fpapers%2Ftrending");
  const html = await response.text();
  expect(html).toContain('type="text/x-deferred"');
  expect(html).not.toMatch(/<script src="\/_next\/static\/chunks\/[^"]+" async="">/);
  expect(response.headers()["cache-control"]).toMatch(/no-store/);

  const context = await browser.newContext({ javaScriptEnabled: false });
  const noScripts = await context.newPage();
  await noScripts.goto("/auth/signin?callbackUrl=%2Fpapers%2Ftrending");
  await noScripts.getByLabel("Email address").fill("not an address");
  await noScripts.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(noScripts.getByRole("alert").filter({ hasText: "valid email address" })).toBeVisible();
  // What was typed is given back, to mend.
  await expect(noScripts.getByLabel("Email address")).toHaveValue("not an address");
  const email = uniqueEmail("noscript");
  await noScripts.getByLabel("Email address").fill(email);
  await noScripts.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(noScripts.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  const link = firstLink((await mailTo(email))[0]?.text ?? "", /\/auth\/confirm\?/);
  expect(new URL(link).searchParams.get("callbackUrl")).toMatch(/\/papers\/trending$/);
  await context.close();
});

/**
 * Follows "Continue with GitHub" to GitHub's authorize page (answered here: these machines have no
 * internet, and the flow's second half is GitHub's), and checks the way there and back next-auth set up.
 */
async function continueWithGitHub(page: Page, baseURL: string, options: { hydrated?: boolean } = {}) {
  await page.route("https://github.com/**", (route) =>
    route.fulfill({
      status: 200,
      contentType: "text/html",
      body: "<!doctype html><title>GitHub</title><h1>Sign in to GitHub</h1>",
    }),
  );
  await page.goto("/auth/signin?callbackUrl=%2Fpapers%2Ftrending");
  if (options.hydrated) {
    // Focus starts the page's scripts; React marks the elements it has hydrated.
    await page.getByLabel("Email address").focus();
    await page.waitForFunction(() => {
      const button = [...document.querySelectorAll("button")].find((element) => element.textContent?.includes("GitHub"));
      return button !== undefined && Object.keys(button).some((key) => key.startsWith("__reactFiber"));
    });
  }
  await page.getByRole("button", { name: "Continue with GitHub" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to GitHub" })).toBeVisible();
  const authorize = new URL(page.url());
  expect(`${authorize.origin}${authorize.pathname}`).toBe("https://github.com/login/oauth/authorize");
  expect(authorize.searchParams.get("client_id")).toBe(GITHUB_TEST_CLIENT);
  expect(authorize.searchParams.get("redirect_uri")).toBe(`${baseURL}/api/auth/callback/github`);
  // The callback is only accepted with the state next-auth keeps in a cookie, and comes back to the page asked for.
  const cookies = Object.fromEntries((await page.context().cookies(baseURL)).map((cookie) => [cookie.name, cookie]));
  expect(authorize.searchParams.get("state")).toBeTruthy();
  expect(cookies["next-auth.state"]?.httpOnly).toBe(true);
  expect(decodeURIComponent(cookies["next-auth.callback-url"]?.value ?? "")).toBe(`${baseURL}/papers/trending`);
}

test("Continue with GitHub leaves for GitHub on the first tap, before the page's scripts have loaded", async ({
  page,
  baseURL,
}) => {
  await continueWithGitHub(page, baseURL ?? "");
});

test("Continue with GitHub leaves for GitHub once the page's scripts run, too", async ({ page, baseURL }) => {
  await continueWithGitHub(page, baseURL ?? "", { hydrated: true });
});

test("Continue with GitHub works without scripts", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  await continueWithGitHub(await context.newPage(), baseURL ?? "");
  await context.close();
});
