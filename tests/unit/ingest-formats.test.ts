import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseArxivAtom } from "@/lib/ingest/arxiv-atom";
import { parseSnapshotLine } from "@/lib/ingest/arxiv-snapshot";
import { submissionSchema } from "@/lib/submissions/schema";

const fixture = (name: string) => readFileSync(path.resolve(import.meta.dirname, "../fixtures", name), "utf8");

describe("arXiv Atom API answers", () => {
  it("become papers: id without version, authors in order, dates, code link from the comment", () => {
    const { batch, totalResults } = parseArxivAtom(fixture("arxiv-atom-ids.xml"));
    expect(totalResults).toBe(2);
    expect(batch.rejected).toEqual([]);
    const [monotone, slab] = batch.papers;
    expect(monotone).toMatchObject({
      arxivId: "2307.04990",
      title: "Monotone deep Boltzmann machines",
      authors: ["Zhili Feng", "Ezra Winston", "J. Zico Kolter"],
      feedDay: "2023-07-10",
      githubRepo: null,
    });
    expect(monotone?.abstract).toMatch(/^Deep Boltzmann machines \(DBMs\), one of the first ``deep'' learning/);
    expect(monotone?.abstract).not.toMatch(/\n/);
    expect(monotone?.publishedAt.toISOString()).toBe("2023-07-10T17:59:48.000Z");
    expect(slab).toMatchObject({ arxivId: "2405.11582", githubRepo: "https://github.com/xinghaochen/SLAB" });
    // The primary category first, then the others, each once.
    expect(monotone?.categories).toEqual(["cs.LG"]);
    expect(slab?.categories).toEqual(["cs.LG"]);
  });

  it("take the feed day given (a submission is listed today)", () => {
    expect(parseArxivAtom(fixture("arxiv-atom-ids.xml"), { feedDay: "2026-11-27" as never }).batch.papers[0]?.feedDay).toBe(
      "2026-11-27",
    );
  });

  it("report arXiv's own errors and what is not a feed", () => {
    expect(parseArxivAtom(fixture("arxiv-atom-error.xml")).batch.rejected[0]?.reason).toBe(
      "arXiv answered an error: incorrect id format for 2307.0499x",
    );
    expect(parseArxivAtom("<html><body>Bad gateway</body></html>").batch.rejected[0]?.reason).toMatch(/not an Atom feed/);
    expect(parseArxivAtom("<feed><entry>").batch.rejected).toHaveLength(1);
  });
});

describe("arXiv metadata snapshot lines", () => {
  const lines = fixture("arxiv-snapshot-sample.jsonl").trim().split("\n");

  it("become papers with their first version's date and the authors in reading order", () => {
    const lemire = lines.findIndex((line) => line.includes('"2101.04297"'));
    const result = parseSnapshotLine(lines[lemire] ?? "", lemire + 1);
    expect(result).toMatchObject({
      paper: {
        arxivId: "2101.04297",
        title: "Number Parsing at a Gigabyte per Second",
        authors: ["Daniel Lemire"],
        feedDay: "2021-01-11",
        githubRepo: "https://github.com/fastfloat/fast_float",
      },
    });
    expect("paper" in result && result.paper.categories).toEqual(["cs.DS", "cs.MS"]);
    const first = parseSnapshotLine(lines[0] ?? "", 1);
    expect("paper" in first && first.paper.authors).toEqual(["Zhili Feng", "Ezra Winston", "J. Zico Kolter"]);
  });

  it("are rejected one by one with a reason", () => {
    const reasons = lines.map((line, index) => parseSnapshotLine(line, index + 1)).filter((r) => "rejected" in r);
    expect(reasons.map((r) => ("rejected" in r ? r.rejected : null))).toEqual([
      { at: "line 10", id: "hep-th/9711200", reason: expect.stringContaining("arXiv id") },
      { at: "line 11", reason: "not valid JSON" },
      { at: "line 12", id: "2312.00752", reason: expect.stringContaining("title is empty") },
    ]);
  });
});

describe("what a reader may submit", () => {
  it.each([
    ["2307.04990", "2307.04990"],
    ["2307.04990v3", "2307.04990"],
    ["arXiv:2307.04990", "2307.04990"],
    ["https://arxiv.org/abs/2307.04990v2", "2307.04990"],
    ["arxiv.org/pdf/2307.04990.pdf", "2307.04990"],
    ["https://www.arxiv.org/abs/2307.04990?context=cs", "2307.04990"],
  ])("%j is %j", (input, id) => {
    expect(submissionSchema.parse({ input }).input).toBe(id);
  });

  it.each(["", "hello", "https://example.org/abs/2307.04990", "2307.049900", "x".repeat(400)])("%j is refused", (input) => {
    expect(submissionSchema.safeParse({ input }).success).toBe(false);
  });
});
