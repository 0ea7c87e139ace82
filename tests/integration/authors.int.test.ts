import { describe, expect, it } from "vitest";
import { getAuthorPage, getAuthorPaperRecords } from "@/lib/authors/data";
import { buildPaper, createPapers } from "../support/factories";

describe("author pages", () => {
  it("gather the spellings of one person that differ by middle initials or case, and no one else", async () => {
    await createPapers(
      buildPaper({ title: "With the initial", authors: ["Ryan A. Rossi", "Ada Lovelace"], sourceUpvotes: 3 }),
      buildPaper({ title: "Without it", authors: ["Ryan Rossi"], feedDay: "2026-04-02", sourceUpvotes: 4 }),
      buildPaper({ title: "Two initials", authors: ["Ryan A B Rossi"], feedDay: "2026-04-03" }),
      // Others who share the surname, or a first name written out, stay apart.
      buildPaper({ title: "Another Rossi", authors: ["R. Rossi"] }),
      buildPaper({ title: "A middle name", authors: ["Ryan Anthony Rossi"] }),
      buildPaper({ title: "A different Ryan", authors: ["Ryan Ross"] }),
    );
    const page = await getAuthorPage("Ryan A. Rossi", 1);
    expect(page.papers.map((paper) => paper.title)).toEqual(["Two initials", "Without it", "With the initial"]);
    expect({ total: page.total, upvotes: page.totalUpvotes }).toEqual({ total: 3, upvotes: 7 });
    expect(page.spellings).toEqual(["Ryan A. Rossi", "Ryan A B Rossi", "Ryan Rossi"]);
    // Each spelling's page is the same author, its own spelling first.
    expect((await getAuthorPage("Ryan Rossi", 1)).spellings[0]).toBe("Ryan Rossi");
    expect((await getAuthorPage("ryan rossi", 1)).total).toBe(3);
    expect((await getAuthorPage("R. Rossi", 1)).papers.map((paper) => paper.title)).toEqual(["Another Rossi"]);
    expect((await getAuthorPage("Ryan Anthony Rossi", 1)).total).toBe(1);
    const records = await getAuthorPaperRecords("Ryan Rossi", { limit: 10, offset: 0 });
    expect(records.map((paper) => paper.authors[0])).toEqual(["Ryan A B Rossi", "Ryan Rossi", "Ryan A. Rossi"]);
  });
});
