import type { ParsedMail } from "mailparser";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getAuthorPage } from "@/lib/authors/data";
import { dayPeriod } from "@/lib/dates";
import { db } from "@/lib/db";
import { getFollows } from "@/lib/follows/data";
import { setFollow } from "@/lib/follows/mutations";
import { getCategoryPage, getPeriodPaperRecords } from "@/lib/papers/data";
import { upsertPapers } from "@/lib/papers/mutations";
import { getSavedPapers } from "@/lib/saved/data";
import { READING_LIST_MAX } from "@/lib/saved/limits";
import { setSaved, setSavedNote } from "@/lib/saved/mutations";
import { searchPapers } from "@/lib/search/data";
import { parseSearchQuery } from "@/lib/search/query";
import { setUpvote } from "@/lib/votes/mutations";
import { buildPaper, createPapers, createUser } from "../support/factories";
import { setEnv } from "../support/fresh-env";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp";

describe("reading list and follows", () => {
  it("save and unsave papers with a note, newest first; unknown papers are refused", async () => {
    const [a, b] = await createPapers(buildPaper({ title: "First saved" }), buildPaper({ title: "Second saved" }));
    const reader = await createUser();
    expect(await setSaved(reader.id, a?.arxivId ?? "", true)).toBe("ok");
    expect(await setSaved(reader.id, a?.arxivId ?? "", true)).toBe("ok"); // twice is once
    expect(await setSaved(reader.id, b?.arxivId ?? "", true)).toBe("ok");
    expect(await setSaved(reader.id, "2999.99999", true)).toBe("not-found");
    expect(await setSavedNote(reader.id, a?.arxivId ?? "", "Read section 3")).toBe(true);
    const saved = await getSavedPapers(reader.id);
    expect(saved.map((entry) => [entry.paper.title, entry.note])).toEqual([
      ["Second saved", ""],
      ["First saved", "Read section 3"],
    ]);
    expect(await setSaved(reader.id, b?.arxivId ?? "", false)).toBe("ok");
    expect((await getSavedPapers(reader.id)).map((entry) => entry.paper.title)).toEqual(["First saved"]);
    expect(await setSavedNote(reader.id, b?.arxivId ?? "", "not saved any more")).toBe(false);
    await expect(
      db.$executeRaw`UPDATE saved_papers SET note = ${"x".repeat(2001)} WHERE user_id = ${reader.id}`,
    ).rejects.toThrow();
  });

  it("a reading list holds at most 1,000 papers (the database says so)", async () => {
    const reader = await createUser();
    const papers = await createPapers(...Array.from({ length: READING_LIST_MAX + 1 }, () => buildPaper()));
    await db.$executeRaw`
      INSERT INTO saved_papers (user_id, paper_id)
      SELECT ${reader.id}, id FROM papers WHERE arxiv_id = ANY(${papers.slice(0, READING_LIST_MAX - 1).map((paper) => paper.arxivId)})`;
    expect(await setSaved(reader.id, papers[READING_LIST_MAX - 1]?.arxivId ?? "", true)).toBe("ok");
    expect(await setSaved(reader.id, papers[READING_LIST_MAX]?.arxivId ?? "", true)).toBe("limit");
    expect(await db.savedPaper.count({ where: { userId: reader.id } })).toBe(READING_LIST_MAX);
    // Taking one off makes room again.
    expect(await setSaved(reader.id, papers[0]?.arxivId ?? "", false)).toBe("ok");
    expect(await setSaved(reader.id, papers[READING_LIST_MAX]?.arxivId ?? "", true)).toBe("ok");
  });

  it("follow authors, categories and keywords, once each, at most 200 (the database says so)", async () => {
    const reader = await createUser();
    expect(await setFollow(reader.id, "author", "Ada Lovelace", true)).toBe("ok");
    expect(await setFollow(reader.id, "author", "Ada Lovelace", true)).toBe("ok");
    expect(await setFollow(reader.id, "category", "cs.CL", true)).toBe("ok");
    expect(await setFollow(reader.id, "keyword", "diffusion", true)).toBe("ok");
    expect(await getFollows(reader.id)).toEqual({ authors: ["Ada Lovelace"], categories: ["cs.CL"], keywords: ["diffusion"] });
    await setFollow(reader.id, "keyword", "diffusion", false);
    for (let i = 0; i < 198; i++) expect(await setFollow(reader.id, "keyword", `word${i}`, true)).toBe("ok");
    expect(await setFollow(reader.id, "keyword", "one too many", true)).toBe("limit");
    expect((await getFollows(reader.id)).keywords).toHaveLength(198);
  });
});

describe("authors and categories", () => {
  it("an author page lists the author's papers newest first, paged, with their upvotes in all", async () => {
    const name = `Grace Hopper ${Date.now()}`;
    await createPapers(
      ...Array.from({ length: 33 }, (_, i) =>
        buildPaper({
          authors: ["Someone Else", name],
          feedDay: `2026-03-${String(1 + (i % 28)).padStart(2, "0")}`,
          sourceUpvotes: 2,
        }),
      ),
      buildPaper({ authors: [`${name} Jr.`] }),
    );
    const first = await getAuthorPage(name, 1);
    expect(first).toMatchObject({ total: 33, totalUpvotes: 66, pageCount: 2 });
    expect(first.papers).toHaveLength(30);
    const days = first.papers.map((paper) => paper.feedDay);
    expect(days).toEqual([...days].sort().reverse());
    expect((await getAuthorPage(name, 2)).papers).toHaveLength(3);
    expect((await getAuthorPage("Nobody At All", 1)).total).toBe(0);
  });

  it("categories are kept from arXiv, survive a re-import from a source without them, and filter feed, search and API", async () => {
    const [nlp, vision] = await createPapers(
      buildPaper({ title: "Parsing sentences with transformers", categories: ["cs.CL", "cs.LG"], feedDay: "2026-04-02" }),
      buildPaper({ title: "Segmenting images with transformers", categories: ["cs.CV"], feedDay: "2026-04-02" }),
    );
    // Hugging Face lists have no categories: importing the paper from one again keeps arXiv's.
    await upsertPapers([{ ...(nlp as NonNullable<typeof nlp>), categories: [], sourceUpvotes: 5 }]);
    const stored = await db.paper.findUniqueOrThrow({ where: { arxivId: nlp?.arxivId } });
    expect(stored.categories).toEqual(["cs.CL", "cs.LG"]);
    expect(stored.upvotes).toBe(5);

    const cl = await getCategoryPage("cs.CL", { limit: 30, offset: 0 });
    expect(cl.papers.map((paper) => paper.arxivId)).toEqual([nlp?.arxivId]);
    expect(cl.papers[0]?.categories).toEqual(["cs.CL", "cs.LG"]);
    const transformers = parseSearchQuery("transformers");
    if (!transformers.ok) throw new Error(transformers.message);
    const search = await searchPapers(transformers, { limit: 20, category: "cs.CV" });
    expect(search.hits.map((hit) => hit.arxivId)).toEqual([vision?.arxivId]);
    expect((await searchPapers(transformers, { limit: 20 })).hits).toHaveLength(2);
    const api = await getPeriodPaperRecords(dayPeriod("2026-04-02" as never), {
      sort: "publishedAt",
      limit: 50,
      offset: 0,
      category: "cs.LG",
    });
    expect(api.papers.map((paper) => paper.arxivId)).toEqual([nlp?.arxivId]);
    expect(api.total).toBe(1);
  });
});

describe("the personal digest", () => {
  const APP_URL = "https://papers.example.org";
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp.close();
  });
  let m: { send: typeof import("@/lib/digest/send"); transport: typeof import("@/lib/email/transport") };
  beforeEach(async () => {
    setEnv({ SMTP_URL: smtp.url, APP_URL, DIGEST_SIZE: "3" });
    m = { send: await import("@/lib/digest/send"), transport: await import("@/lib/email/transport") };
    smtp.reset();
  });
  afterEach(() => m.transport.closeMailTransport());

  it("ranks the period for a subscriber in 'for you' mode, with the reasons; others get the community's", async () => {
    const day = "2026-05-04";
    const topic = (i: number) =>
      buildPaper({
        title: `Protein folding with diffusion ${i}`,
        abstract: "Protein structure prediction with diffusion models over amino acid residues and folding energy.",
        feedDay: day,
      });
    const popular = (i: number) =>
      buildPaper({
        title: `Scaling laws for chat agents ${i}`,
        abstract: "Agents that browse the web and call tools, trained with reinforcement learning.",
        feedDay: day,
        sourceUpvotes: 50 + i,
      });
    const papers = await createPapers(
      ...[0, 1, 2, 3].map(topic),
      ...[0, 1, 2, 3].map(popular),
      buildPaper({
        feedDay: "2026-05-01",
        title: "Protein folding, an older one",
        abstract: "Protein folding with diffusion over residues.",
      }),
    );
    const reader = await createUser();
    const community = await createUser();
    await setUpvote(reader.id, papers[8]?.arxivId ?? "", true); // an older protein paper, outside the period
    for (const [user, mode] of [
      [reader, "for_you"],
      [community, "community"],
    ] as const) {
      await db.subscriber.create({
        data: {
          email: user.email,
          token: `${"t".repeat(40)}${mode === "for_you" ? "aaa" : "bbb"}`,
          status: "active",
          userId: user.id,
          mode,
        },
      });
    }
    await expect(
      db.subscriber.create({ data: { email: "nobody@example.org", token: "u".repeat(43), status: "active", mode: "for_you" } }),
    ).rejects.toThrow(); // "for you" needs an account

    const run = await m.send.runDigest({ frequency: "daily", period: dayPeriod(day as never), workerId: "w" });
    expect(run.sent).toBe(2);
    const mailFor = (address: string) =>
      smtp.messages.find((mail: ParsedMail) => mail.to && "text" in mail.to && mail.to.text === address);
    const personal = mailFor(reader.email);
    expect(personal?.subject).toMatch(/^Your papers, /);
    const titles = [...(personal?.text ?? "").matchAll(/^\d+\. (.+)$/gm)].map((match) => match[1]);
    expect(titles).toHaveLength(3);
    expect(titles.every((title) => title?.startsWith("Protein folding with diffusion"))).toBe(true);
    expect(personal?.text).toContain("Why: Because you upvoted “Protein folding, an older one”");
    const trending = mailFor(community.email);
    expect(trending?.subject).toMatch(/^Trending papers, /);
    expect([...(trending?.text ?? "").matchAll(/^\d+\. (.+)$/gm)][0]?.[1]).toBe("Scaling laws for chat agents 3");
    expect(trending?.text).not.toContain("Why:");
  });
});
