import { randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { env } from "@/lib/env";

/**
 * Where mail goes when SMTP_URL is unset: one JSON file per message under DATA_DIR/outbox, listed by
 * the local mailbox page (/dev/mailbox) so a fresh clone can sign in without a mail server.
 */

export const storedMessageSchema = z.object({
  id: z.string(),
  date: z.string(),
  from: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().optional(),
  headers: z.record(z.string(), z.string()).default({}),
});

export type StoredMessage = z.infer<typeof storedMessageSchema>;

const MESSAGE_ID = /^[0-9]{13}-[0-9a-f-]{36}$/;

export const outboxDir = () => path.resolve(env.DATA_DIR, "outbox");

export async function saveToOutbox(message: Omit<StoredMessage, "id" | "date">): Promise<StoredMessage> {
  const stored: StoredMessage = { id: `${Date.now()}-${randomUUID()}`, date: new Date().toISOString(), ...message };
  await mkdir(outboxDir(), { recursive: true });
  await writeFile(path.join(outboxDir(), `${stored.id}.json`), JSON.stringify(stored, null, 2), { mode: 0o600 });
  return stored;
}

/** Newest first. */
export async function listOutbox(limit = 100): Promise<StoredMessage[]> {
  const files = await readdir(outboxDir()).catch(() => [] as string[]);
  const ids = files
    .filter((file) => file.endsWith(".json"))
    .map((file) => file.slice(0, -".json".length))
    .filter((id) => MESSAGE_ID.test(id))
    .sort()
    .reverse()
    .slice(0, limit);
  const messages = await Promise.all(ids.map((id) => readOutboxMessage(id)));
  return messages.filter((message): message is StoredMessage => message !== null);
}

export async function readOutboxMessage(id: string): Promise<StoredMessage | null> {
  if (!MESSAGE_ID.test(id)) return null; // also what keeps ../ out of the path
  const raw = await readFile(path.join(outboxDir(), `${id}.json`), "utf8").catch(() => null);
  if (raw === null) return null;
  const parsed = storedMessageSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : null;
}
