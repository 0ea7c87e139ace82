import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getViewerState } from "@/lib/viewer/data";
import { setUpvote } from "@/lib/votes/mutations";
import { buildPaper, createPapers, createUser, createUsers } from "../support/factories";

async function paperState(arxivId: string) {
  const paper = await db.paper.findUniqueOrThrow({
    where: { arxivId },
    select: { id: true, upvotes: true, sourceUpvotes: true },
  });
  const votes = await db.vote.count({ where: { paperId: paper.id } });
  return { upvotes: paper.upvotes, votes, sourceUpvotes: paper.sourceUpvotes };
}

describe("vote transitions", () => {
  it("none -> up counts one vote on top of the source's upvotes", async () => {
    const [paper] = await createPapers(buildPaper({ sourceUpvotes: 7 }));
    const user = await createUser();
    expect(await setUpvote(user.id, paper?.arxivId ?? "", true)).toEqual({ arxivId: paper?.arxivId, upvotes: 8, upvoted: true });
    expect(await paperState(paper?.arxivId ?? "")).toEqual({ upvotes: 8, votes: 1, sourceUpvotes: 7 });
  });

  it("up -> up is idempotent", async () => {
    const [paper] = await createPapers(buildPaper());
    const user = await createUser();
    await setUpvote(user.id, paper?.arxivId ?? "", true);
    expect(await setUpvote(user.id, paper?.arxivId ?? "", true)).toMatchObject({ upvotes: 1, upvoted: true });
    expect(await paperState(paper?.arxivId ?? "")).toMatchObject({ upvotes: 1, votes: 1 });
  });

  it("up -> none takes the vote back", async () => {
    const [paper] = await createPapers(buildPaper({ sourceUpvotes: 2 }));
    const user = await createUser();
    await setUpvote(user.id, paper?.arxivId ?? "", true);
    expect(await setUpvote(user.id, paper?.arxivId ?? "", false)).toMatchObject({ upvotes: 2, upvoted: false });
    expect(await paperState(paper?.arxivId ?? "")).toMatchObject({ upvotes: 2, votes: 0 });
  });

  it("none -> none is idempotent and never goes below the source's count", async () => {
    const [paper] = await createPapers(buildPaper({ sourceUpvotes: 3 }));
    const user = await createUser();
    expect(await setUpvote(user.id, paper?.arxivId ?? "", false)).toMatchObject({ upvotes: 3, upvoted: false });
    expect(await setUpvote(user.id, paper?.arxivId ?? "", false)).toMatchObject({ upvotes: 3, upvoted: false });
  });

  it("answers null for an unknown paper", async () => {
    const user = await createUser();
    expect(await setUpvote(user.id, "2604.99999", true)).toBeNull();
  });

  it("tells each reader which papers of their page they upvoted, with each paper's count as of now", async () => {
    const papers = await createPapers(buildPaper({ sourceUpvotes: 4 }), buildPaper(), buildPaper());
    const [ada, bob] = await createUsers(2);
    await setUpvote(ada?.id ?? "", papers[0]?.arxivId ?? "", true);
    await setUpvote(ada?.id ?? "", papers[2]?.arxivId ?? "", true);
    await setUpvote(bob?.id ?? "", papers[1]?.arxivId ?? "", true);
    await setUpvote(bob?.id ?? "", papers[0]?.arxivId ?? "", true);
    const ids = papers.map((paper) => paper.arxivId);
    const reader = (user: { id: string; email: string } | undefined) => ({
      id: user?.id ?? "",
      email: user?.email ?? null,
      name: null,
    });
    const adas = await getViewerState(reader(ada), ids);
    const bobs = await getViewerState(reader(bob), ids);
    if (!adas.signedIn || !bobs.signedIn) throw new Error("signed in");
    expect(new Set(adas.upvoted)).toEqual(new Set([ids[0], ids[2]]));
    expect(bobs.upvoted.sort()).toEqual([ids[0], ids[1]].sort());
    expect(adas.upvotes).toEqual({ [ids[0] ?? ""]: 6, [ids[1] ?? ""]: 1, [ids[2] ?? ""]: 1 });
  });
});

describe("the database keeps the count honest", () => {
  it("refuses a second vote row for the same user and paper", async () => {
    const [paper] = await createPapers(buildPaper());
    const user = await createUser();
    const { id } = await db.paper.findUniqueOrThrow({ where: { arxivId: paper?.arxivId ?? "" } });
    await db.vote.create({ data: { userId: user.id, paperId: id } });
    await expect(db.vote.create({ data: { userId: user.id, paperId: id } })).rejects.toThrow();
  });

  it("moves the count when a user is deleted with their votes", async () => {
    const [paper] = await createPapers(buildPaper({ sourceUpvotes: 1 }));
    const [ada, bob] = await createUsers(2);
    await setUpvote(ada?.id ?? "", paper?.arxivId ?? "", true);
    await setUpvote(bob?.id ?? "", paper?.arxivId ?? "", true);
    await db.user.delete({ where: { id: ada?.id ?? "" } });
    expect(await paperState(paper?.arxivId ?? "")).toMatchObject({ upvotes: 2, votes: 1 });
  });

  it("refuses to move a vote to another paper", async () => {
    const [first, second] = await createPapers(buildPaper(), buildPaper());
    const user = await createUser();
    await setUpvote(user.id, first?.arxivId ?? "", true);
    const target = await db.paper.findUniqueOrThrow({ where: { arxivId: second?.arxivId ?? "" } });
    await expect(db.vote.updateMany({ where: { userId: user.id }, data: { paperId: target.id } })).rejects.toThrow(
      /cannot be updated/,
    );
  });
});

describe("concurrency", () => {
  it("200 users toggling 10 papers at once: counts equal vote rows and every last click wins", async () => {
    const USERS = 200;
    const PAPERS = 10;
    const TOGGLES_PER_USER = 15;
    const papers = await createPapers(...Array.from({ length: PAPERS }, (_, i) => buildPaper({ sourceUpvotes: i })));
    const users = await createUsers(USERS);
    // A fixed pseudo-random plan (reproducible), with double clicks: the same action twice in a row.
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const plans = users.map((user) =>
      Array.from({ length: TOGGLES_PER_USER }, () => ({
        userId: user.id,
        arxivId: papers[Math.floor(random() * PAPERS)]?.arxivId ?? "",
        upvoted: random() < 0.6,
      })).flatMap((step) => (random() < 0.2 ? [step, step] : [step])),
    );
    // Each user's clicks in order; all users at once.
    await Promise.all(
      plans.map(async (plan) => {
        for (const step of plan) await setUpvote(step.userId, step.arxivId, step.upvoted);
      }),
    );
    const expected = new Map<string, number>();
    for (const plan of plans) {
      const last = new Map(plan.map((step) => [step.arxivId, step.upvoted]));
      for (const [arxivId, upvoted] of last) if (upvoted) expected.set(arxivId, (expected.get(arxivId) ?? 0) + 1);
    }
    for (const paper of papers) {
      const state = await paperState(paper.arxivId);
      expect(state.votes, paper.arxivId).toBe(expected.get(paper.arxivId) ?? 0);
      expect(state.upvotes - state.sourceUpvotes, paper.arxivId).toBe(state.votes);
    }
  });

  it("the same user clicking upvote on many tabs at once counts once", async () => {
    const [paper] = await createPapers(buildPaper());
    const user = await createUser();
    const results = await Promise.all(Array.from({ length: 30 }, () => setUpvote(user.id, paper?.arxivId ?? "", true)));
    expect(results.every((result) => result?.upvoted)).toBe(true);
    expect(await paperState(paper?.arxivId ?? "")).toMatchObject({ upvotes: 1, votes: 1 });
  });
});
