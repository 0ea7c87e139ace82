import type { Day } from "@/lib/dates";
import { upsertPapers } from "@/lib/papers/mutations";
import { type PaperInput, paperInputSchema } from "@/lib/papers/schema";

let sequence = 0;

/** A valid paper with a unique arXiv id; override what the test is about. */
export function buildPaper(overrides: Partial<Omit<PaperInput, "feedDay">> & { feedDay?: string } = {}): PaperInput {
  sequence += 1;
  const feedDay = (overrides.feedDay ?? "2026-04-01") as Day;
  return paperInputSchema.parse({
    arxivId: `2604.${String(10000 + sequence)}`,
    title: `Paper number ${sequence}`,
    abstract: `An abstract about result ${sequence}.`,
    authors: ["Ada Lovelace", "Alan Turing"],
    publishedAt: `${feedDay}T09:00:00Z`,
    sourceUpvotes: 0,
    ...overrides,
    feedDay,
  });
}

export async function createPapers(...papers: PaperInput[]): Promise<PaperInput[]> {
  await upsertPapers(papers);
  return papers;
}

let userSequence = 0;

/** Users straight into the database (sign-in itself is tested end to end). */
export async function createUsers(count: number): Promise<{ id: string; email: string }[]> {
  const { db } = await import("@/lib/db");
  const users = Array.from({ length: count }, () => {
    userSequence += 1;
    return { id: `user-${userSequence}-${Math.random().toString(36).slice(2, 8)}`, email: `reader${userSequence}@example.org` };
  });
  await db.user.createMany({ data: users });
  return users;
}

export async function createUser(): Promise<{ id: string; email: string }> {
  const [user] = await createUsers(1);
  if (!user) throw new Error("no user created");
  return user;
}
