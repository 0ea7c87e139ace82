import { expect, test } from "@playwright/test";
import { startReverseProxy } from "../support/reverse-proxy";
import { clientFromAnotherAddress, operatorKey, outboxAppUrl, outboxDb, signInAs } from "./support";

/**
 * The usual deployment: nginx on the same host, in front of the app, TRUST_PROXY left unset. Every
 * request then reaches the app from 127.0.0.1, so nothing may be granted for looking local: not the
 * local mailbox (everyone's sign-in links), not the digest preview, not operator rights.
 */
test("behind a reverse proxy on the same host, a visitor gets neither the mailbox nor the operator's pages", async ({
  browser,
}) => {
  const proxy = await startReverseProxy(outboxAppUrl);
  try {
    const visitor = clientFromAnotherAddress(proxy.url);
    // The proxy works: pages come through it.
    expect((await visitor.get("/")).status()).toBe(200);
    for (const url of ["/dev/mailbox", "/digest/preview"]) {
      expect((await visitor.get(url)).status(), url).toBe(404);
    }

    // A signed-in visitor (not in ADMIN_EMAILS) is no operator either, whatever address they come from.
    const context = await browser.newContext({ baseURL: proxy.url });
    await signInAs(context, proxy.url, undefined, outboxDb);
    const page = await context.newPage();
    expect((await page.goto("/dev/mailbox"))?.status()).toBe(404);
    expect((await page.goto("/digest/preview"))?.status()).toBe(404);

    // The operator, through the same proxy, with the key `npm start` printed.
    await page.goto(`/operator?key=${operatorKey("outbox")}`);
    await expect(page.getByRole("heading", { name: "Local mailbox" })).toBeVisible();
    expect((await page.goto("/digest/preview"))?.status()).toBe(200);
    await context.close();
  } finally {
    await proxy.stop();
  }
});
