import "server-only";
import net from "node:net";
import nodemailer, { type Transporter } from "nodemailer";
import SMTPPool from "nodemailer/lib/smtp-pool";
import { env } from "@/lib/env";
import { saveToOutbox } from "./outbox";

export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

/**
 * Connections kept open to the SMTP server, each reused for every message it sends: a digest to many
 * subscribers goes out over these side by side. A handful is what relays accept from one client.
 */
const SMTP_MAX_CONNECTIONS = 4;
const SMTP_TIMEOUT_MS = 30_000;

let transporter: Transporter | undefined;

type SocketCallback = (error: Error | null, socket?: { connection: net.Socket } | null) => void;

/**
 * The connection nodemailer would open, with Nagle's algorithm off. nodemailer writes a message's
 * closing ".\r\n" apart from its body; with Nagle on, that write waits for the server to acknowledge
 * the body, which the server delays (40 ms on Linux) as it has nothing to say yet: every message took
 * 40 ms on its connection, 25 a second, whatever the server's speed.
 *
 * The socket is handed over at once, still connecting, for nodemailer to watch: a connection that
 * fails must fail inside nodemailer (its connection and greeting timeouts apply, its pool drops the
 * connection). Failing it here instead (getSocket's error callback) left the pool counting a
 * connection that never was; after four, every message waited forever: a mail server restarted during
 * a digest hung the worker with its deliveries "sending". Implicit TLS (smtps://) is nodemailer's own
 * connection, Nagle and all (TLS records are written whole).
 */
function connectWithoutDelay(options: { host?: string; port?: number | string; secure?: boolean }, callback: SocketCallback) {
  if (options.secure) {
    callback(null, null);
    return;
  }
  callback(null, {
    connection: net.connect({ host: options.host || "localhost", port: Number(options.port) || 587, noDelay: true }),
  });
}

function smtp(): Transporter {
  if (!env.SMTP_URL) throw new Error("SMTP_URL is not set");
  // The pool itself, given the URL among its options: createTransport({ url, ... }) keeps the URL's
  // settings and silently drops every other option (a new connection per message, no timeouts).
  transporter ??= nodemailer.createTransport(
    new SMTPPool({
      pool: true,
      url: env.SMTP_URL,
      maxConnections: SMTP_MAX_CONNECTIONS,
      // Bounded, so that one send always ends well within a digest worker's lease (DIGEST_LEASE_SECONDS).
      connectionTimeout: SMTP_TIMEOUT_MS,
      greetingTimeout: SMTP_TIMEOUT_MS,
      socketTimeout: SMTP_TIMEOUT_MS,
      getSocket: connectWithoutDelay,
    }),
  );
  return transporter;
}

/** Where mail goes: the SMTP server of SMTP_URL, or the local outbox when it is unset. */
export const mailDelivery = (): "smtp" | "outbox" => (env.SMTP_URL ? "smtp" : "outbox");

export async function sendMail(message: OutgoingMessage): Promise<{ messageId: string }> {
  if (!env.SMTP_URL) {
    const stored = await saveToOutbox({ from: env.EMAIL_FROM, ...message, headers: message.headers ?? {} });
    return { messageId: stored.id };
  }
  // Our mail has non-ASCII text (▲, “ ”): quoted-printable, said here rather than worked out by
  // scanning every message (a seventh of a digest run's CPU).
  const info = await smtp().sendMail({ from: env.EMAIL_FROM, textEncoding: "quoted-printable", ...message });
  return { messageId: info.messageId };
}

/** Closes the pooled connection (scripts and workers call this before exiting). */
export function closeMailTransport(): void {
  transporter?.close();
  transporter = undefined;
}

/**
 * Whether a failed send is worth retrying: SMTP 5xx replies are permanent (unknown mailbox, policy
 * refusal); 4xx replies and connection problems (server down, timeout) are temporary.
 */
export function isPermanentSendError(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

export function describeSendError(error: unknown): string {
  const { responseCode, code, message } = error as { responseCode?: number; code?: string; message?: string };
  return [responseCode, code, message].filter(Boolean).join(" ").slice(0, 500) || "unknown error";
}
