import { describe, expect, it } from "vitest";
import { type Day, dayPeriod, monthOf, parseWeek, weekOf } from "@/lib/dates";
import { getLatestFeedDay, getNeighbourDays, getPaper, getPeriodFeed } from "@/lib/papers/data";
import { buildPaper, createPapers } from "../support/factories";

const day = (value: string) => value as Day;

describe("day feed", () => {
  it("lists the day's papers, most upvoted first, ties by title", async () => {
    await createPapers(
      buildPaper({ title: "Beta", sourceUpvotes: 5 }),
      buildPaper({ title: "Alpha", sourceUpvotes: 5 }),
      buildPaper({ title: "Gamma", sourceUpvotes: 40 }),
      buildPaper({ title: "Other day", feedDay: "2026-04-02", sourceUpvotes: 99 }),
    );
    const feed = await getPeriodFeed(dayPeriod(day("2026-04-01")));
    expect(feed.days).toHaveLength(1);
    expect(feed.days[0]?.papers.map((paper) => [paper.title, paper.upvotes])).toEqual([
      ["Gamma", 40],
      ["Alpha", 5],
      ["Beta", 5],
    ]);
  });

  it("gives each card its author count and day", async () => {
    await createPapers(buildPaper({ authors: ["A", "B", "C"], feedDay: "2026-04-01" }));
    const [card] = (await getPeriodFeed(dayPeriod(day("2026-04-01")))).days[0]?.papers ?? [];
    expect(card).toMatchObject({ authorCount: 3, feedDay: "2026-04-01" });
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
    const empty = await getPeriodFeed(dayPeriod(day("2026-04-03")));
    expect(empty.days).toEqual([]);
    expect([empty.previous?.key, empty.next?.key]).toEqual(["2026-04-01", "2026-04-06"]);
  });

  it("knows the latest day with papers", async () => {
    expect(await getLatestFeedDay()).toBeNull();
    await createPapers(buildPaper({ feedDay: "2026-04-01" }), buildPaper({ feedDay: "2026-04-30" }));
    expect(await getLatestFeedDay()).toBe("2026-04-30");
  });
});

describe("week and month feeds", () => {
  it("group a week by day, newest day first, across a year boundary", async () => {
    await createPapers(
      buildPaper({ title: "Monday", feedDay: "2024-12-30", sourceUpvotes: 1 }),
      buildPaper({ title: "Friday low", feedDay: "2025-01-03", sourceUpvotes: 1 }),
      buildPaper({ title: "Friday high", feedDay: "2025-01-03", sourceUpvotes: 9 }),
      buildPaper({ title: "Next week", feedDay: "2025-01-06" }),
      buildPaper({ title: "Week before", feedDay: "2024-12-27" }),
    );
    const week = parseWeek("2025-W01");
    if (!week) throw new Error("2025-W01 should parse");
    const feed = await getPeriodFeed(week);
    expect(feed.days.map((group) => [group.day, group.papers.map((paper) => paper.title)])).toEqual([
      ["2025-01-03", ["Friday high", "Friday low"]],
      ["2024-12-30", ["Monday"]],
    ]);
    expect(feed.previous?.key).toBe("2024-W52");
    expect(feed.next?.key).toBe("2025-W02");
  });

  it("skip empty periods when linking to the previous and next", async () => {
    await createPapers(buildPaper({ feedDay: "2026-01-15" }), buildPaper({ feedDay: "2026-04-10" }));
    const march = await getPeriodFeed(monthOf(day("2026-03-01")));
    expect(march.days).toEqual([]);
    expect([march.previous?.key, march.next?.key]).toEqual(["2026-01", "2026-04"]);
    const april = await getPeriodFeed(monthOf(day("2026-04-01")));
    expect(april.next).toBeNull();
    expect(april.days.map((group) => group.day)).toEqual(["2026-04-10"]);
  });

  it("include the first and last day of the month, and nothing outside it", async () => {
    await createPapers(
      buildPaper({ feedDay: "2026-03-31" }),
      buildPaper({ feedDay: "2026-04-01" }),
      buildPaper({ feedDay: "2026-04-30" }),
      buildPaper({ feedDay: "2026-05-01" }),
    );
    const feed = await getPeriodFeed(monthOf(day("2026-04-15")));
    expect(feed.days.map((group) => group.day)).toEqual(["2026-04-30", "2026-04-01"]);
    expect((await getPeriodFeed(weekOf(day("2026-04-01")))).days.map((group) => group.day)).toEqual(["2026-04-01", "2026-03-31"]);
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
