import "server-only";
import { db } from "@/lib/db";

export interface SessionRow {
  expires: Date;
  userId: string;
  email: string | null;
  name: string | null;
}

/** The session of a cookie's token, with its user (the rows next-auth's adapter writes). */
export async function getSessionByToken(sessionToken: string): Promise<SessionRow | null> {
  const rows = await db.$queryRaw<{ expires: Date; user_id: string; email: string | null; name: string | null }[]>`
    SELECT s.expires, u.id AS user_id, u.email, u.name
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.session_token = ${sessionToken}`;
  const row = rows[0];
  return row ? { expires: row.expires, userId: row.user_id, email: row.email, name: row.name } : null;
}
