import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { upsertPapers } from "@/lib/papers/mutations";
import { seed } from "../../prisma/seed";
import { buildPaper } from "../support/factories";

const quiet = () => {};

describe("seed", () => {
  it("loads the 40 specification papers and April 2026, and a second run changes nothing", async () => {
    const first = await seed(quiet);
    expect(first.inserted).toHaveLength(501);
    const before = await db.paper.findMany({ orderBy: { arxivId: "asc" } });

    const second = await seed(quiet);
    expect(second).toMatchObject({ inserted: [], updated: [] });
    expect(second.unchanged).toHaveLength(501);
    expect(await db.paper.findMany({ orderBy: { arxivId: "asc" } })).toEqual(before);
  });

  it("keeps the specification page's data: authors, dates, upvotes, code links", async () => {
    await seed(quiet);
    const paper = await db.paper.findUnique({ where: { arxivId: "2507.07996" } });
    expect(paper).toMatchObject({ upvotes: 14, sourceUpvotes: 14, authors: expect.arrayContaining([expect.any(String)]) });
    expect(paper?.feedDay.toISOString()).toBe("2025-07-10T00:00:00.000Z");
    const slab = await db.paper.findUnique({ where: { arxivId: "2405.11582" } });
    expect(slab?.githubRepo).toBe("https://github.com/xinghaochen/SLAB");
  });
});

describe("upsertPapers", () => {
  it("updates changed papers, keeps their feed day, never lowers upvotes", async () => {
    const paper = buildPaper({ feedDay: "2026-04-01", sourceUpvotes: 10 });
    await upsertPapers([paper]);
    const summary = await upsertPapers([
      { ...paper, title: "A revised title", feedDay: "2026-04-09" as never, sourceUpvotes: 3 },
    ]);
    expect(summary.updated).toEqual([paper.arxivId]);
    const row = await db.paper.findUniqueOrThrow({ where: { arxivId: paper.arxivId } });
    expect(row).toMatchObject({ title: "A revised title", upvotes: 10, sourceUpvotes: 10 });
    expect(row.feedDay.toISOString().slice(0, 10)).toBe("2026-04-01");
  });

  it("adds new source upvotes on top of the total", async () => {
    const paper = buildPaper({ sourceUpvotes: 10 });
    await upsertPapers([paper]);
    await db.paper.update({ where: { arxivId: paper.arxivId }, data: { upvotes: 12 } }); // two local votes
    await upsertPapers([{ ...paper, sourceUpvotes: 15 }]);
    expect(await db.paper.findUniqueOrThrow({ where: { arxivId: paper.arxivId } })).toMatchObject({
      sourceUpvotes: 15,
      upvotes: 17,
    });
  });

  it("is refused by the database when the counts would not add up", async () => {
    const paper = buildPaper({ sourceUpvotes: 5 });
    await upsertPapers([paper]);
    await expect(db.paper.update({ where: { arxivId: paper.arxivId }, data: { upvotes: 4 } })).rejects.toThrow();
  });
});
