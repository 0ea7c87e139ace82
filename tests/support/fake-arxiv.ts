import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";

/**
 * A local stand-in for arXiv's Atom API (export.arxiv.org/api/query), answering in arXiv's format from
 * real paper metadata (tests/fixtures). Tests point ARXIV_API_URL at it; the real URL stays the default.
 *   ?id_list=a,b     entries for the ids it knows (none for the others, as arXiv does)
 *   ?search_query=q  the whole pool, paged with start / max_results, opensearch:totalResults set
 *   id 2501.99999    answers 503, as arXiv does when it is overloaded
 *   ids 2512.9xxxx   a made-up entry each (numbers arXiv never reached that month), for tests that
 *                    need more distinct papers than the recorded ones
 */

interface PoolPaper {
  id: string;
  title: string;
  summary: string;
  authors: string[];
  published: string;
  comment?: string;
}

export const UNAVAILABLE_ID = "2501.99999";
const GENERATED_ID = /^2512\.9\d{4}$/;

function generated(id: string): PoolPaper {
  return {
    id,
    title: `Generated paper ${id}`,
    summary: "An entry the local stand-in for arXiv makes up, for tests that need many distinct papers.",
    authors: ["Ada Lovelace", "Alan Turing"],
    published: "2025-12-15T18:00:00Z",
  };
}

const fixtures = path.resolve(import.meta.dirname, "../fixtures");
const escapeXml = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function pool(): PoolPaper[] {
  const hf = JSON.parse(readFileSync(path.join(fixtures, "hf-daily-2025-01-13-14.json"), "utf8")) as {
    paper: { id: string; title: string; summary: string; authors: { name: string }[]; publishedAt: string; githubRepo?: string };
  }[];
  return hf.map(({ paper }) => ({
    id: paper.id,
    title: paper.title,
    summary: paper.summary,
    authors: paper.authors.map((author) => author.name),
    published: paper.publishedAt.replace(/\.\d+Z$/, "Z"),
    comment: paper.githubRepo ? `Code: ${paper.githubRepo}` : undefined,
  }));
}

function entry(paper: PoolPaper): string {
  return `  <entry>
    <id>http://arxiv.org/abs/${paper.id}v1</id>
    <updated>${paper.published}</updated>
    <published>${paper.published}</published>
    <title>${escapeXml(paper.title)}</title>
    <summary>  ${escapeXml(paper.summary)}\n</summary>
${paper.authors.map((name) => `    <author>\n      <name>${escapeXml(name)}</name>\n    </author>`).join("\n")}${
  paper.comment
    ? `\n    <arxiv:comment xmlns:arxiv="http://arxiv.org/schemas/atom">${escapeXml(paper.comment)}</arxiv:comment>`
    : ""
}
    <link href="http://arxiv.org/abs/${paper.id}v1" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/${paper.id}v1" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
  </entry>`;
}

function feed(entries: PoolPaper[], total: number, start: number): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">ArXiv Query</title>
  <id>http://arxiv.org/api/fake</id>
  <updated>2026-11-27T00:00:00-05:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${total}</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${start}</opensearch:startIndex>
  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${entries.length}</opensearch:itemsPerPage>
${entries.map(entry).join("\n")}
</feed>
`;
}

export interface FakeArxiv {
  url: string;
  requests: URLSearchParams[];
  close(): Promise<void>;
}

export async function startFakeArxiv(port = 0): Promise<FakeArxiv> {
  const papers = pool();
  const requests: URLSearchParams[] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (url.pathname === "/health") return void response.end("ok");
    if (url.pathname !== "/api/query") {
      response.statusCode = 404;
      return void response.end();
    }
    requests.push(url.searchParams);
    const ids = (url.searchParams.get("id_list") ?? "").split(",").filter(Boolean);
    if (ids.includes(UNAVAILABLE_ID)) {
      response.statusCode = 503;
      return void response.end("Service Unavailable");
    }
    response.setHeader("content-type", "application/atom+xml; charset=utf-8");
    if (ids.length) {
      const found = ids
        .map((id) => papers.find((paper) => paper.id === id) ?? (GENERATED_ID.test(id) ? generated(id) : undefined))
        .filter((paper): paper is PoolPaper => Boolean(paper));
      return void response.end(feed(found, found.length, 0));
    }
    const start = Number(url.searchParams.get("start") ?? 0);
    const max = Number(url.searchParams.get("max_results") ?? 10);
    response.end(feed(papers.slice(start, start + max), papers.length, start));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address();
  const actual = typeof address === "object" && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${actual}/api/query`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

// Run by Playwright beside the app (FAKE_ARXIV_PORT).
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const fake = await startFakeArxiv(Number(process.env.FAKE_ARXIV_PORT));
  console.log(`fake arXiv API at ${fake.url}`);
  process.on("SIGTERM", () => void fake.close().finally(() => process.exit(0)));
}
