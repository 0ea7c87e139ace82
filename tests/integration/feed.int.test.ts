import { describe, expect, it } from "vitest";
import { type Day, dayPeriod, monthOf, parseWeek, weekOf } from "@/lib/dates";
import { FEED_PAGE_SIZE, getLatestFeedDay, getNeighbourDays, getPaper, getPeriodPage } from "@/lib/papers/data";
import { buildPaper, createPapers } from "../support/factories";

const day = (value: string) => value as Day;
const titles = (page: { papers: { title: string }[] }) => page.papers.map((paper) => paper.title);

describe("day feed", () => {
  it("lists the day's papers, most upvoted first, ties by title", async () => {
    await createPapers(
      buildPaper({ title: "Beta", sourceUpvotes: 5 }),
      buildPaper({ title: "Alpha", sourceUpvotes: 5 }),
      buildPaper({ title: "Gamma", sourceUpvotes: 40 }),
      buildPaper({ title: "Other day", feedDay: "2026-04-02", sourceUpvotes: 99 }),
    );
    const feed = await getPeriodPage(dayPeriod(day("2026-04-01")), 1);
    expect(feed.papers.map((paper) => [paper.title, paper.upvotes])).toEqual([
      ["Gamma", 40],
      ["Alpha", 5],
      ["Beta", 5],
    ]);
    expect(feed).toMatchObject({ total: 3, page: 1, pageCount: 1 });
  });

  it("gives each card its author count, day and the head of its abstract", async () => {
    const abstract = `${"A long abstract about results. ".repeat(40)}The end.`;
    await createPapers(buildPaper({ authors: ["A", "B", "C"], feedDay: "2026-04-01", abstract }));
    const [card] = (await getPeriodPage(dayPeriod(day("2026-04-01")), 1)).papers;
    expect(card).toMatchObject({ authorCount: 3, feedDay: "2026-04-01" });
    expect(card?.excerpt.endsWith("…")).toBe(true);
    expect(card?.excerpt.length).toBeLessThanOrEqual(330);
  });

  it("links to the nearest days that have papers, skipping empty ones", async () => {
    await createPapers(
      buildPaper({ feedDay: "2026-03-27" }),
      buildPaper({ feedDay: "2026-04-01" }),
      buildPaper({ feedDay: "2026-04-06" }),
    );
    expect(await getNeighbourDays(day("2026-04-01"))).toEqual({ previous: "2026-03-27", next: "2026-04-06" });
    expect(await getNeighbourDays(day("2026-04-06"))).toEqual({ previous: "2026-04-01", next: null });
    expect(await getNeighbourDays(day("2026-03-27"))).toEqual({ previous: null, next: "2026-04-01" });
    // An empty day in between still navigates.
    const empty = await getPeriodPage(dayPeriod(day("2026-04-03")), 1);
    expect(empty).toMatchObject({ papers: [], total: 0, pageCount: 1 });
    expect([empty.previous?.key, empty.next?.key]).toEqual(["2026-04-01", "2026-04-06"]);
  });

  it("knows the latest day with papers", async () => {
    expect(await getLatestFeedDay()).toBeNull();
    await createPapers(buildPaper({ feedDay: "2026-04-01" }), buildPaper({ feedDay: "2026-04-30" }));
    expect(await getLatestFeedDay()).toBe("2026-04-30");
  });
});

describe("big periods are paged", () => {
  it("splits a busy day into pages of FEED_PAGE_SIZE, most upvoted first, each paper on exactly one page", async () => {
    const count = FEED_PAGE_SIZE * 2 + 7;
    // Upvotes with ties, so that the order within equal counts (by title) is tested across page boundaries.
    await createPapers(
      ...Array.from({ length: count }, (_, i) =>
        buildPaper({ title: `Paper ${String(i).padStart(3, "0")}`, sourceUpvotes: Math.floor(i / 4), feedDay: "2026-04-01" }),
      ),
    );
    const period = dayPeriod(day("2026-04-01"));
    const pages = await Promise.all([1, 2, 3].map((page) => getPeriodPage(period, page)));
    expect(pages.map((page) => page.papers.length)).toEqual([FEED_PAGE_SIZE, FEED_PAGE_SIZE, 7]);
    expect(pages.every((page) => page.total === count && page.pageCount === 3)).toBe(true);
    const all = pages.flatMap((page) => page.papers);
    expect(new Set(all.map((paper) => paper.arxivId)).size).toBe(count);
    const expected = [...all].sort((a, b) => b.upvotes - a.upvotes || a.title.localeCompare(b.title));
    expect(all.map((paper) => paper.title)).toEqual(expected.map((paper) => paper.title));
    expect((await getPeriodPage(period, 4)).papers).toEqual([]);
  });

  it("ranks a week or a month as a whole, most upvoted first, whatever day a paper is on", async () => {
    await createPapers(
      buildPaper({ title: "Monday", feedDay: "2024-12-30", sourceUpvotes: 1 }),
      buildPaper({ title: "Friday low", feedDay: "2025-01-03", sourceUpvotes: 2 }),
      buildPaper({ title: "Friday high", feedDay: "2025-01-03", sourceUpvotes: 9 }),
      buildPaper({ title: "Wednesday", feedDay: "2025-01-01", sourceUpvotes: 5 }),
      buildPaper({ title: "Next week", feedDay: "2025-01-06", sourceUpvotes: 50 }),
      buildPaper({ title: "Week before", feedDay: "2024-12-27", sourceUpvotes: 50 }),
    );
    const week = parseWeek("2025-W01");
    if (!week) throw new Error("2025-W01 should parse");
    const feed = await getPeriodPage(week, 1);
    expect(titles(feed)).toEqual(["Friday high", "Wednesday", "Friday low", "Monday"]);
    expect(feed.lastDay).toBe("2025-01-03");
    expect(feed.previous?.key).toBe("2024-W52");
    expect(feed.next?.key).toBe("2025-W02");
  });
});

describe("week and month feeds", () => {
  it("skip empty periods when linking to the previous and next", async () => {
    await createPapers(buildPaper({ feedDay: "2026-01-15" }), buildPaper({ feedDay: "2026-04-10" }));
    const march = await getPeriodPage(monthOf(day("2026-03-01")), 1);
    expect(march.papers).toEqual([]);
    expect([march.previous?.key, march.next?.key]).toEqual(["2026-01", "2026-04"]);
    const april = await getPeriodPage(monthOf(day("2026-04-01")), 1);
    expect(april.next).toBeNull();
    expect(april.papers.map((paper) => paper.feedDay)).toEqual(["2026-04-10"]);
  });

  it("include the first and last day of the month, and nothing outside it", async () => {
    await createPapers(
      buildPaper({ feedDay: "2026-03-31", title: "March 31" }),
      buildPaper({ feedDay: "2026-04-01", title: "April 1" }),
      buildPaper({ feedDay: "2026-04-30", title: "April 30" }),
      buildPaper({ feedDay: "2026-05-01", title: "May 1" }),
    );
    expect(titles(await getPeriodPage(monthOf(day("2026-04-15")), 1)).sort()).toEqual(["April 1", "April 30"]);
    expect(titles(await getPeriodPage(weekOf(day("2026-04-01")), 1)).sort()).toEqual(["April 1", "March 31"]);
  });
});

describe("paper page data", () => {
  it("returns the authors in order and null for an unknown id", async () => {
    const [paper] = await createPapers(buildPaper({ authors: ["Zed", "Amy", "Bob"], githubRepo: "https://github.com/a/b" }));
    expect(await getPaper(paper?.arxivId ?? "")).toMatchObject({
      authors: ["Zed", "Amy", "Bob"],
      githubRepo: "https://github.com/a/b",
    });
    expect(await getPaper("2604.99999")).toBeNull();
  });
});
