import "server-only";
import { db } from "@/lib/db";
import type { FollowKind } from "./schema";

const CHECK_VIOLATION = "23514";

/** Follows or unfollows. "limit" when the reader already follows MAX_FOLLOWS things (the database says so). */
export async function setFollow(userId: string, kind: FollowKind, value: string, following: boolean): Promise<"ok" | "limit"> {
  if (!following) {
    await db.follow.deleteMany({ where: { userId, kind, value } });
    return "ok";
  }
  try {
    await db.$executeRaw`
      INSERT INTO follows (user_id, kind, value) VALUES (${userId}, ${kind}::follow_kind, ${value})
      ON CONFLICT (user_id, kind, value) DO NOTHING`;
    return "ok";
  } catch (error) {
    const meta = (error as { meta?: { code?: unknown } }).meta;
    if (meta?.code === CHECK_VIOLATION || String((error as Error).message).includes(CHECK_VIOLATION)) return "limit";
    throw error;
  }
}
