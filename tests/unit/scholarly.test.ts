import { describe, expect, it } from "vitest";
import { citationTags, jsonLdText, scholarlyArticle } from "@/lib/papers/scholarly";

const paper = {
  arxivId: "2307.04990",
  title: "Monotone deep Boltzmann machines </script><script>alert(1)</script>",
  abstract: "Deep Boltzmann machines...",
  authors: ["Zhili Feng", "Ezra Winston", "J. Zico Kolter"],
  // Late in the UTC day: a local-time formatter would move it (the unit tier runs at UTC+5:45).
  publishedAt: new Date("2023-07-10T23:30:00Z"),
  upvotes: 7,
};

describe("scholarly metadata", () => {
  it("gives Highwire tags as Scholar and Zotero read them: each author in order, YYYY/MM/DD in UTC", () => {
    const tags = citationTags(paper, "https://papers.example.org");
    expect(tags.citation_author).toEqual(paper.authors);
    expect(tags.citation_publication_date).toBe("2023/07/10");
    expect(tags.citation_pdf_url).toBe("https://arxiv.org/pdf/2307.04990");
    expect(tags.citation_abstract_html_url).toBe("https://papers.example.org/papers/2307.04990");
  });

  it("writes JSON-LD that no title can break out of", () => {
    const text = jsonLdText(scholarlyArticle(paper, "https://papers.example.org"));
    expect(text).not.toContain("<");
    const data = JSON.parse(text);
    expect(data.name).toBe(paper.title);
    expect(data.datePublished).toBe("2023-07-10");
    expect(data.author.map((author: { name: string }) => author.name)).toEqual(paper.authors);
  });
});
