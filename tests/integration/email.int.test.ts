import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setEnv } from "../support/fresh-env";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp";

let smtp: TestSmtpServer;

beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.close();
});

/** Fresh modules under a given environment. */
async function withEnv(vars: Record<string, string | undefined>) {
  setEnv(vars);
  return {
    transport: await import("@/lib/email/transport"),
    outbox: await import("@/lib/email/outbox"),
    options: await import("@/lib/auth/options"),
    templates: await import("@/lib/email/templates"),
  };
}

describe("sign-in email through a real SMTP server", () => {
  it("arrives with a link to the confirmation page, in both parts, from EMAIL_FROM", async () => {
    const { transport, options, templates } = await withEnv({
      SMTP_URL: smtp.url,
      EMAIL_FROM: "Daily Papers <papers@example.org>",
      APP_URL: "https://papers.example.org",
    });
    const callback =
      "https://papers.example.org/api/auth/callback/email?callbackUrl=https%3A%2F%2Fpapers.example.org%2Fpapers%2F2307.04990&token=" +
      "a".repeat(64) +
      "&email=ada%40example.org";
    const message = templates.signInEmail({ url: options.confirmUrlFor(callback), host: "papers.example.org" });
    const before = smtp.messages.length;
    await transport.sendMail({ to: "ada@example.org", ...message });
    transport.closeMailTransport();
    const [mail] = (await smtp.waitForMessages(before + 1)).slice(before);
    expect(mail?.subject).toBe("Sign in to Daily Papers");
    expect(mail?.from?.text).toBe('"Daily Papers" <papers@example.org>');
    expect(mail?.to && "text" in mail.to ? mail.to.text : "").toBe("ada@example.org");
    const link = /https:\/\/papers\.example\.org\/auth\/confirm\?\S+/.exec(mail?.text ?? "")?.[0] ?? "";
    const url = new URL(link);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      token: "a".repeat(64),
      email: "ada@example.org",
      callbackUrl: "https://papers.example.org/papers/2307.04990",
    });
    // The HTML part carries the same link (escaped as an attribute) and no script.
    expect(mail?.html).toContain(`href="${link.replaceAll("&", "&amp;")}"`);
    expect(mail?.html).not.toMatch(/<script/i);
  });
});

describe("an internationalised address (RFC 6531)", () => {
  it("is accepted by the subscribe form's schema and gets its mail through a real SMTP server", async () => {
    const { transport, templates } = await withEnv({ SMTP_URL: smtp.url, EMAIL_FROM: "papers@example.org" });
    const { emailSchema } = await import("@/lib/digest/schema");
    const address = emailSchema.parse(" Bob.Müller@Example.org ");
    expect(address).toBe("bob.müller@example.org");
    expect(emailSchema.safeParse("bob@localhost").success).toBe(false);
    expect(emailSchema.safeParse("bob müller@example.org").success).toBe(false);
    const before = smtp.messages.length;
    await transport.sendMail({
      to: address,
      ...templates.confirmSubscriptionEmail({ confirmUrl: "https://x.example/c", frequency: "daily" }),
    });
    transport.closeMailTransport();
    const [mail] = (await smtp.waitForMessages(before + 1)).slice(before);
    expect(mail?.to && "text" in mail.to ? mail.to.text : "").toBe(address);
  });
});

describe("mail through SMTP_URL", () => {
  it("goes out side by side over a few kept-open connections, not one per message", async () => {
    const { transport } = await withEnv({ SMTP_URL: smtp.url, EMAIL_FROM: "Daily Papers <papers@example.org>" });
    smtp.reset();
    const recipients = Array.from({ length: 24 }, (_, n) => `reader${n}@example.org`);
    await Promise.all(
      recipients.map((to) => transport.sendMail({ to, subject: `For ${to}`, text: "Trending ▲", html: "<p>Trending ▲</p>" })),
    );
    transport.closeMailTransport();
    const mail = await smtp.waitForMessages(recipients.length);
    expect(mail.map((message) => (message.to && "text" in message.to ? message.to.text : "")).sort()).toEqual(
      [...recipients].sort(),
    );
    expect(mail[0]?.text?.trim()).toBe("Trending ▲");
    expect(smtp.connections()).toBeGreaterThan(0);
    expect(smtp.connections()).toBeLessThanOrEqual(4);
  });
});

describe("local outbox (no SMTP_URL)", () => {
  it("keeps each message as a file the mailbox page can list and read", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "daily-papers-outbox-"));
    const { transport, outbox } = await withEnv({ SMTP_URL: undefined, DATA_DIR: dataDir });
    expect(transport.mailDelivery()).toBe("outbox");
    const first = await transport.sendMail({ to: "ada@example.org", subject: "One", text: "first", html: "<p>first</p>" });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await transport.sendMail({ to: "bob@example.org", subject: "Two", text: "second", html: "<p>second</p>" });
    const listed = await outbox.listOutbox();
    expect(listed.map((message) => message.subject)).toEqual(["Two", "One"]);
    expect(await outbox.readOutboxMessage(first.messageId)).toMatchObject({ to: "ada@example.org", text: "first" });
    expect(outbox.outboxDir().startsWith(dataDir)).toBe(true);
  });

  it("reads nothing outside the outbox, whatever the id", async () => {
    const { outbox } = await withEnv({ SMTP_URL: undefined });
    for (const id of ["../postgres-credentials", "..%2F..%2Fetc", "", "1234567890123-../../x"]) {
      expect(await outbox.readOutboxMessage(id)).toBeNull();
    }
  });
});
