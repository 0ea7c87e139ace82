import "server-only";
import { db } from "@/lib/db";
import type { Follows } from "./schema";

export async function getFollows(userId: string): Promise<Follows> {
  const rows = await db.follow.findMany({
    where: { userId },
    select: { kind: true, value: true },
    orderBy: { createdAt: "asc" },
  });
  const of = (kind: string) => rows.filter((row) => row.kind === kind).map((row) => row.value);
  return { authors: of("author"), categories: of("category"), keywords: of("keyword") };
}
