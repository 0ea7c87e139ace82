import "server-only";
import { db } from "@/lib/db";

/**
 * Sets the name shown beside the reader's comments. The database retires the shared copies of the
 * pages that show it (users_announce_name, migration 20261204060000_display_names).
 */
export async function setDisplayName(userId: string, name: string): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { name } });
}
