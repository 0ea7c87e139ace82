import "server-only";
import { db } from "@/lib/db";

export async function extendSession(sessionToken: string, expires: Date): Promise<void> {
  await db.$executeRaw`UPDATE sessions SET expires = ${expires} WHERE session_token = ${sessionToken}`;
}

export async function deleteSession(sessionToken: string): Promise<void> {
  await db.$executeRaw`DELETE FROM sessions WHERE session_token = ${sessionToken}`;
}
