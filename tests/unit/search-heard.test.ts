import { afterEach, describe, expect, it } from "vitest";
import { heardMark, hearSearchChanges, searchChangesHeard } from "@/lib/search/heard";

describe("changes a search process hears", () => {
  let live = true;
  afterEach(() => hearSearchChanges(null));

  it("moves the mark of what each announcement may have changed, and only that", () => {
    hearSearchChanges(() => live);
    const lists = heardMark("lists");
    const papers = heardMark("papers");
    searchChangesHeard(["paper:2401.00001", "day:2026-04-07"]);
    expect([heardMark("lists"), heardMark("papers")]).toEqual([lists, papers]);
    searchChangesHeard(["search"]);
    expect([heardMark("lists"), heardMark("papers")]).toEqual([(lists ?? 0) + 1, papers]);
    searchChangesHeard(["days", "search", "day:2026-04-08"]);
    expect([heardMark("lists"), heardMark("papers")]).toEqual([(lists ?? 0) + 2, (papers ?? 0) + 1]);
    searchChangesHeard(["*"]);
    expect([heardMark("lists"), heardMark("papers")]).toEqual([(lists ?? 0) + 3, (papers ?? 0) + 2]);
  });

  it("knows nothing while the listener is down or absent, and nothing from before it listened", () => {
    hearSearchChanges(() => live);
    const before = heardMark("lists");
    live = false;
    expect(heardMark("lists")).toBeNull();
    live = true;
    expect(heardMark("lists")).toBe(before);
    hearSearchChanges(() => live);
    expect(heardMark("lists")).not.toBe(before);
    hearSearchChanges(null);
    expect(heardMark("papers")).toBeNull();
  });
});
