import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseHfDailyPapers } from "@/lib/ingest/hf-daily";

const april = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, "../../prisma/seed/hf-daily-papers-2026-04.json"), "utf8"),
);

describe("Hugging Face daily papers format", () => {
  it("reads every item of a real month", () => {
    const batch = parseHfDailyPapers(april);
    expect(batch.rejected).toEqual([]);
    expect(batch.papers).toHaveLength(april.length);
  });

  it("takes the feed day from the list, the publication date from arXiv", () => {
    const [first] = parseHfDailyPapers(april).papers;
    expect(first).toMatchObject({
      arxivId: "2603.19835",
      feedDay: "2026-04-01",
      sourceUpvotes: 250,
      githubRepo: "https://github.com/qwenpilot/FIPO",
    });
    expect(first?.publishedAt.toISOString()).toBe("2026-03-20T10:24:50.000Z");
    expect(first?.authors[0]).toBe("Chiyu Ma");
    expect(first?.authors).toHaveLength(10);
  });

  it("rejects bad items one by one with a reason, keeping the good ones", () => {
    const good = april[0];
    const batch = parseHfDailyPapers([
      good,
      { ...good, paper: { ...good.paper, id: "not-an-id" } },
      { ...good, paper: { ...good.paper, authors: [] } },
      { nonsense: true },
    ]);
    expect(batch.papers).toHaveLength(1);
    expect(batch.rejected).toEqual([
      { at: "item 2", id: "not-an-id", reason: expect.stringContaining("arXiv id") },
      { at: "item 3", id: "2603.19835", reason: expect.stringContaining("at least one author") },
      { at: "item 4", reason: expect.stringContaining("paper") },
    ]);
  });

  it("refuses something that is not a list", () => {
    expect(parseHfDailyPapers({ papers: [] }).rejected[0]?.reason).toMatch(/JSON array/);
  });
});
