import "server-only";
import { db } from "@/lib/db";

/** The display name a reader chose (null until they choose one). */
export async function getDisplayName(userId: string): Promise<string | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { name: true } });
  return user?.name ?? null;
}
