import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { toHfDailyItem } from "@/lib/api/hf-format";
import { renderRss } from "@/lib/feeds/rss";
import { parseHfDailyPapers } from "@/lib/ingest/hf-daily";

const paper = {
  arxivId: "2307.04990",
  title: 'Monotone <deep> "Boltzmann" & machines',
  abstract: "Deep Boltzmann machines\u0001 are...",
  authors: ["Zhili Feng", "Ezra Winston"],
  publishedAt: new Date("2023-07-10T17:59:48Z"),
  feedDay: "2023-07-11" as never,
  upvotes: 3,
  numComments: 2,
  githubRepo: "https://github.com/a/b",
  projectPage: null,
  categories: ["cs.LG", "stat.ML"],
};

describe("Hugging Face format", () => {
  it("uses Hugging Face's field names, and our importer reads it back unchanged", () => {
    const item = toHfDailyItem(paper);
    expect(item).toEqual({
      paper: {
        id: "2307.04990",
        title: paper.title,
        summary: paper.abstract,
        authors: [{ name: "Zhili Feng" }, { name: "Ezra Winston" }],
        publishedAt: "2023-07-10T17:59:48.000Z",
        upvotes: 3,
        githubRepo: "https://github.com/a/b",
        categories: ["cs.LG", "stat.ML"],
      },
      publishedAt: "2023-07-11T00:00:00.000Z",
      title: paper.title,
      numComments: 2,
    });
    const [back] = parseHfDailyPapers([item]).papers;
    expect(back).toMatchObject({
      arxivId: "2307.04990",
      feedDay: "2023-07-11",
      sourceUpvotes: 3,
      authors: paper.authors,
      categories: ["cs.LG", "stat.ML"],
    });
  });
});

/** The five entities escapeHtml (lib/html.ts) writes, decoded as a browser would. */
const decodeHtml = (html: string) =>
  html.replace(
    /&(lt|gt|quot|#39|amp);/g,
    (_, name: string) => ({ lt: "<", gt: ">", quot: '"', "#39": "'", amp: "&" })[name] ?? "",
  );

describe("RSS", () => {
  it("is well-formed XML with every value escaped", () => {
    const xml = renderRss({
      title: "Daily Papers: “<script>”",
      link: "https://papers.example.org/",
      self: "https://papers.example.org/feeds/daily.xml?q=a&b",
      description: "d",
      items: [
        {
          title: paper.title,
          link: "https://papers.example.org/papers/2307.04990",
          guid: "g",
          pubDate: new Date("2023-07-11T00:00:00Z"),
          description: paper.abstract,
        },
      ],
    });
    expect(xml).not.toContain("<deep>");
    expect(xml).not.toContain("\u0001");
    const parsed = new XMLParser({ ignoreAttributes: false, htmlEntities: false }).parse(xml);
    // What a reader gets out of the XML is HTML (the RSS convention), which must show the text as text:
    // no tag can start in it, and its entities decode to the text exactly.
    const channel = parsed.rss.channel;
    for (const [html, text] of [
      [channel.title, "Daily Papers: “<script>”"],
      [channel.item.title, paper.title],
      [channel.item.description, "Deep Boltzmann machines are..."],
    ]) {
      expect(html).not.toMatch(/[<>"]/);
      expect(decodeHtml(html)).toBe(text);
    }
    expect(parsed.rss.channel.item.pubDate).toBe("Tue, 11 Jul 2023 00:00:00 GMT");
  });
});
