import "server-only";
import { db, SQLSTATE, sqlState } from "@/lib/db";
import type { FollowKind } from "./schema";

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
    if (sqlState(error) === SQLSTATE.checkViolation) return "limit";
    throw error;
  }
}
