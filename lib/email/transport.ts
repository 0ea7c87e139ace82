import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
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

function smtp(): Transporter {
  if (!env.SMTP_URL) throw new Error("SMTP_URL is not set");
  transporter ??= nodemailer.createTransport({
    url: env.SMTP_URL,
    pool: true,
    maxConnections: SMTP_MAX_CONNECTIONS,
    // Bounded, so that one send always ends well within a digest worker's lease (DIGEST_LEASE_SECONDS).
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
  return transporter;
}

/** Where mail goes: the SMTP server of SMTP_URL, or the local outbox when it is unset. */
export const mailDelivery = (): "smtp" | "outbox" => (env.SMTP_URL ? "smtp" : "outbox");

export async function sendMail(message: OutgoingMessage): Promise<{ messageId: string }> {
  if (!env.SMTP_URL) {
    const stored = await saveToOutbox({ from: env.EMAIL_FROM, ...message, headers: message.headers ?? {} });
    return { messageId: stored.id };
  }
  const info = await smtp().sendMail({ from: env.EMAIL_FROM, ...message });
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
