import { describe, expect, it } from "vitest";
import { dateFromDay } from "@/lib/dates";
import { getTrendingPapers } from "@/lib/papers/data";
import { rankByTrending } from "@/lib/papers/trending";
import { buildPaper, createPapers } from "../support/factories";

describe("trending in SQL", () => {
  it("ranks exactly as the documented function does", async () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16_807) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    const papers = Array.from({ length: 40 }, () =>
      buildPaper({
        feedDay: `2026-04-${String(20 + Math.floor(random() * 11)).padStart(2, "0")}`,
        sourceUpvotes: Math.floor(random() * 200),
      }),
    );
    await createPapers(...papers);
    const now = new Date("2026-04-30T15:00:00Z");
    const { papers: sql, reference } = await getTrendingPapers({ limit: 40, now });
    expect(reference).toEqual(now);
    const expected = rankByTrending(
      papers.map((paper) => ({ ...paper, upvotes: paper.sourceUpvotes, feedDayStart: dateFromDay(paper.feedDay) })),
      now,
    );
    // Equal scores may tie-break differently (collation); compare scores, then the order of distinct ones.
    expect(sql.map((paper) => paper.arxivId).slice(0, 10)).toEqual(expected.map((paper) => paper.arxivId).slice(0, 10));
  });

  it("measures age from the end of the latest feed day when the feed has stopped, and only looks back a week", async () => {
    await createPapers(
      buildPaper({ title: "old news", feedDay: "2026-04-01", sourceUpvotes: 1000 }),
      buildPaper({ title: "recent", feedDay: "2026-04-29", sourceUpvotes: 10 }),
      buildPaper({ title: "latest", feedDay: "2026-04-30", sourceUpvotes: 10 }),
    );
    const trending = await getTrendingPapers({ limit: 10, now: new Date("2026-11-27T12:00:00Z") });
    expect(trending.reference.toISOString()).toBe("2026-05-01T00:00:00.000Z");
    expect(trending.papers.map((paper) => paper.title)).toEqual(["latest", "recent"]);
  });
});
