import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import { type BrowserContext, type Page, test } from "@playwright/test";
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

/** What a test reads of an answer (a subset of Playwright's APIResponse, which fits it too). */
export interface HttpAnswer {
  status(): number;
  headers(): Record<string, string>;
  json(): Promise<unknown>;
}

/** A minimal HTTP client (Playwright's APIRequestContext fits it too). */
export interface HttpClient {
  get(url: string): Promise<HttpAnswer>;
  post(url: string, options: { form: Record<string, string> }): Promise<HttpAnswer>;
}

/**
 * An HTTP client whose connections leave from another loopback address (127.x.y.z, all of them this
 * machine): to the app server, a client with another IP, so a test can use up a per-IP limit without
 * holding back the other tests (Playwright's own requests and the browser all come from 127.0.0.1).
 * It keeps the cookies it is given, as a browser would.
 */
export function clientFromAnotherAddress(baseURL: string): HttpClient {
  const octet = () => 1 + Math.floor(Math.random() * 254);
  const address = `127.${octet()}.${octet()}.${octet()}`;
  const cookies = new Map<string, string>();
  const send = (method: string, url: string, form?: Record<string, string>) =>
    new Promise<HttpAnswer>((resolve, reject) => {
      const body = form ? new URLSearchParams(form).toString() : undefined;
      const headers: Record<string, string> = {};
      if (body) headers["content-type"] = "application/x-www-form-urlencoded";
      if (cookies.size) headers.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
      const request = http.request(new URL(url, baseURL), { method, headers, localAddress: address }, (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          text += chunk;
        });
        response.on("end", () => {
          for (const cookie of response.headers["set-cookie"] ?? []) {
            const pair = cookie.split(";")[0] ?? "";
            cookies.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1));
          }
          const flat = Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name, String(value)]));
          resolve({ status: () => response.statusCode ?? 0, headers: () => flat, json: async () => JSON.parse(text) });
        });
      });
      request.on("error", reject);
      request.end(body);
    });
  return { get: (url) => send("GET", url), post: (url, { form }) => send("POST", url, form) };
}

/**
 * Rate limits count in fixed windows (a minute, a quarter hour, a UTC day) that start afresh on the
 * boundary. Waits, if need be, so that the next `seconds` fall inside one window.
 */
export async function insideOneWindow(windowSeconds: number, seconds: number) {
  const windowMs = windowSeconds * 1000;
  const left = windowMs - (Date.now() % windowMs);
  if (left >= seconds * 1000) return;
  test.info().setTimeout(test.info().timeout + left + 200);
  await new Promise((resolve) => setTimeout(resolve, left + 200));
}
