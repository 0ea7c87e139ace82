import { describe, expect, it } from "vitest";
import { paperInputSchema, parseArxivId } from "@/lib/papers/schema";

describe("arXiv ids", () => {
  it.each([
    ["2307.04990", "2307.04990"],
    ["2307.04990v3", "2307.04990"],
    ["1411.4389", "1411.4389"],
    [" 2604.00001 ", "2604.00001"],
  ])("accepts %j as %j", (input, id) => {
    expect(parseArxivId(input)).toBe(id);
  });

  it.each(["abc", "2307.0499", "2313.04990", "1411.43890", "hep-th/9901001", "2307.04990/../x", "", "2307.04990v"])(
    "rejects %j",
    (input) => {
      expect(parseArxivId(input)).toBeNull();
    },
  );
});

describe("paperInputSchema", () => {
  const valid = {
    arxivId: "2307.04990",
    title: "  Monotone   deep Boltzmann\nmachines ",
    abstract: "Deep Boltzmann machines...",
    authors: ["Zhili Feng", "Ezra Winston"],
    publishedAt: "2023-07-10T00:00:00Z",
    feedDay: "2023-07-10",
  };

  it("normalises whitespace and fills defaults", () => {
    const paper = paperInputSchema.parse(valid);
    expect(paper.title).toBe("Monotone deep Boltzmann machines");
    expect(paper.sourceUpvotes).toBe(0);
    expect(paper.githubRepo).toBeNull();
    expect(paper.publishedAt.toISOString()).toBe("2023-07-10T00:00:00.000Z");
  });

  it("removes bidirectional overrides and zero-width characters, which make text display as something else", () => {
    const paper = paperInputSchema.parse({
      ...valid,
      title: "Report invoice\u202Egpj.exe \u2066isolated\u2069 zero\u200Bwidth\uFEFF \u200Fmarked\u061C",
      abstract: "A\u202Db\u202Ac\u202Bd\u202C e\u2067f\u2068g\u200Ch\u200Di\u2060j",
      authors: ["\u202EnamuH", "Ada\u200E Lovelace"],
    });
    expect(paper.title).toBe("Report invoicegpj.exe isolated zerowidth marked");
    expect(paper.abstract).toBe("Abcd efghij");
    expect(paper.authors).toEqual(["namuH", "Ada Lovelace"]);
    expect(paperInputSchema.safeParse({ ...valid, title: "\u202E\u200B" }).success).toBe(false);
  });

  it.each([
    [{ title: "   " }, "title"],
    [{ authors: [] }, "authors"],
    [{ feedDay: "2023-02-30" }, "feedDay"],
    [{ publishedAt: "not a date" }, "publishedAt"],
    [{ githubRepo: "javascript:alert(1)" }, "githubRepo"],
    [{ sourceUpvotes: -1 }, "sourceUpvotes"],
  ])("rejects %j, naming the field", (override, field) => {
    const result = paperInputSchema.safeParse({ ...valid, ...override });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path[0])).toContain(field);
  });
});
