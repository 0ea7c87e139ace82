import { randomBytes, randomUUID } from "node:crypto";
import type { BrowserContext, Page } from "@playwright/test";
import pg from "pg";

/** The end-to-end database, for arranging what a test needs (users, sessions, expired tokens). */
export const e2eDb = new pg.Pool({ connectionString: process.env.E2E_DATABASE_URL, max: 2 });
/** The database of the second app server (no SMTP_URL), at outboxAppUrl. */
export const outboxDb = new pg.Pool({ connectionString: process.env.E2E_OUTBOX_DATABASE_URL, max: 2 });

export const outboxAppUrl = `http://127.0.0.1:${process.env.E2E_OUTBOX_PORT ?? 3101}`;
const mailCatcherUrl = `http://127.0.0.1:${process.env.MAIL_CATCHER_HTTP_PORT ?? 3102}`;

/** A fresh address per test, so tests never see each other's mail, votes or rate limits. */
export const uniqueEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.org`;

/** Signs a browser context in as a (new) user by creating a database session, as next-auth would. */
export async function signInAs(context: BrowserContext, baseURL: string, email = uniqueEmail("reader"), db: pg.Pool = e2eDb) {
  const token = randomBytes(32).toString("hex");
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO users (id, email, email_verified) VALUES ($1, $2, now())
     ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email RETURNING id`,
    [`e2e-${randomUUID()}`, email],
  );
  const userId = rows[0]?.id;
  await db.query(`INSERT INTO sessions (id, session_token, user_id, expires) VALUES ($1, $2, $3, now() + interval '1 day')`, [
    randomUUID(),
    token,
    userId,
  ]);
  await context.addCookies([{ name: "next-auth.session-token", value: token, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
  return { userId: userId ?? "", email, sessionToken: token };
}

export interface CaughtMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/** Mail the SMTP server received for an address, waiting for at least `count` messages. */
export async function mailTo(address: string, count = 1, timeoutMs = 15_000): Promise<CaughtMail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${mailCatcherUrl}/messages?to=${encodeURIComponent(address)}`);
    const messages = (await response.json()) as CaughtMail[];
    if (messages.length >= count) return messages;
    if (Date.now() > deadline) throw new Error(`Expected ${count} messages to ${address}, got ${messages.length}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export const firstLink = (text: string, pattern: RegExp) => {
  const link = text.match(/https?:\/\/\S+/g)?.find((url) => pattern.test(url));
  if (!link) throw new Error(`No link matching ${pattern} in:\n${text}`);
  return link;
};

export async function upvotesOf(arxivId: string): Promise<{ upvotes: number; votes: number }> {
  const { rows } = await e2eDb.query<{ upvotes: number; votes: number }>(
    `SELECT p.upvotes, (SELECT count(*)::int FROM votes v WHERE v.paper_id = p.id) AS votes FROM papers p WHERE arxiv_id = $1`,
    [arxivId],
  );
  if (!rows[0]) throw new Error(`no paper ${arxivId}`);
  return rows[0];
}

/** The page's alert with this text (Next.js keeps an empty role=alert route announcer on every page). */
export const alertWith = (page: Page, text: string | RegExp) => page.getByRole("alert").filter({ hasText: text });
