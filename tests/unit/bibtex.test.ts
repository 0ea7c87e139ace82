import { parse } from "@retorquere/bibtex-parser";
import { describe, expect, it } from "vitest";
import type { Day } from "@/lib/dates";
import type { PaperDetail } from "@/lib/papers/data";
import { toBibtex } from "@/lib/saved/bibtex";

const paper = (overrides: Partial<PaperDetail>): PaperDetail => ({
  arxivId: "2307.04990",
  title: "Monotone deep Boltzmann machines",
  abstract: "…",
  authors: ["Zhili Feng", "Ezra Winston", "J. Zico Kolter"],
  publishedAt: new Date("2023-07-10T17:59:48Z"),
  feedDay: "2023-07-11" as Day,
  upvotes: 3,
  numComments: 0,
  githubRepo: null,
  projectPage: null,
  categories: ["cs.LG", "stat.ML"],
  ...overrides,
});

describe("BibTeX export", () => {
  it("parses with a BibTeX parser, one @misc per paper, as arXiv suggests citing a preprint", () => {
    const file = [
      paper({}),
      paper({
        arxivId: "2401.00001",
        title: "100% {Robust} $O(n^2)$ & #1 C:\\path_to ~^ models",
        authors: ["Ada Lovelace", "Research and Development Lab", "Émile Zola"],
        categories: [],
      }),
    ]
      .map((entry) => toBibtex(entry))
      .join("\n");
    const library = parse(file);
    expect(library.errors).toEqual([]);
    expect(library.entries).toHaveLength(2);
    const [first, second] = library.entries;
    expect(first?.type).toBe("misc");
    expect(first?.fields.title).toBe("Monotone deep Boltzmann machines");
    expect(first?.fields.author?.map((name) => name.lastName)).toEqual(["Feng", "Winston", "Kolter"]);
    expect(first?.fields.eprint).toBe("2307.04990");
    expect(first?.fields.archiveprefix ?? first?.fields.archivePrefix).toBe("arXiv");
    expect(first?.fields.primaryclass ?? first?.fields.primaryClass).toBe("cs.LG");
    expect(first?.fields.year).toBe("2023");
    // Special characters survive as text, and a name holding "and" stays one author.
    // (A parser marks the braced words as case-protected: "nocase".)
    expect(second?.fields.title?.replace(/<\/?span[^>]*>/g, "")).toBe("100% {Robust} $O(n^2)$ & #1 C:\\path_to ~^ models");
    expect(second?.fields.author).toHaveLength(3);
    expect(first?.key).not.toBe(second?.key);
  });

  it("braces the words whose capitals a citation style must keep, and carries the reader's note", () => {
    const entry = toBibtex(paper({ title: "3D Gaussian Splatting with LLaMA-2 for Bielik and GPT-4o" }), {
      note: "Read section 4 {again}: 50% faster",
    });
    expect(entry).toContain("title = {{3D} {Gaussian} {Splatting} with {LLaMA-2} for {Bielik} and {GPT-4o}}");
    const [parsed] = parse(entry).entries;
    expect(parsed?.fields.title).toBe("3D Gaussian Splatting with LLaMA-2 for Bielik and GPT-4o");
    expect(parsed?.fields.annote).toBe("Read section 4 {again}: 50% faster");
    expect(toBibtex(paper({}))).not.toContain("annote");
    expect(toBibtex(paper({}))).toContain("title = {Monotone deep {Boltzmann} machines}");
  });
});
