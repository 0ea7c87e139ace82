import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDisplayName } from "@/lib/account/mutations";
import { postComment } from "@/lib/comments/mutations";
import { db } from "@/lib/db";
import { INVALIDATION_CHANNEL, listenForInvalidations } from "@/lib/page-cache/invalidation";
import { PageCache } from "@/lib/page-cache/store";
import { upsertPapers } from "@/lib/papers/mutations";
import { setUpvote } from "@/lib/votes/mutations";
import { buildPaper, createPapers, createUser } from "../support/factories";

let listener: pg.Client;
const heard: string[][] = [];

beforeAll(async () => {
  listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await listener.connect();
  listener.on("notification", (message) => {
    if (message.channel === INVALIDATION_CHANNEL) heard.push((JSON.parse(message.payload ?? "{}") as { tags: string[] }).tags);
  });
  await listener.query(`LISTEN ${INVALIDATION_CHANNEL}`);
});

afterAll(async () => {
  await listener.end();
});

/** What PostgreSQL announced while `write` ran (NOTIFY is delivered at commit). */
async function announcedBy(write: () => Promise<unknown>): Promise<string[][]> {
  await new Promise((resolve) => setTimeout(resolve, 50));
  heard.length = 0;
  await write();
  await new Promise((resolve) => setTimeout(resolve, 150));
  return heard.map((tags) => [...tags].sort());
}

describe("a commenter's new display name retires the pages that show their comments", () => {
  it("announces each paper they commented on, and nothing when the name stays", async () => {
    const [one, two, other] = await createPapers(buildPaper(), buildPaper(), buildPaper());
    const [ada, bob] = [await createUser(), await createUser()];
    for (const paper of [one, two]) await postComment({ authorId: ada.id, arxivId: paper?.arxivId ?? "", body: "Hi" });
    await postComment({ authorId: bob.id, arxivId: other?.arxivId ?? "", body: "Hi" });
    expect(await announcedBy(() => setDisplayName(ada.id, "Ada L."))).toEqual([
      [`paper:${one?.arxivId}`, `paper:${two?.arxivId}`].sort(),
    ]);
    expect(await announcedBy(() => setDisplayName(ada.id, "Ada L."))).toEqual([]);
  });
});

describe("changes to papers announce what they change", () => {
  it("an import announces each new day, 'days' and 'search', once for the whole statement", async () => {
    const papers = [
      buildPaper({ feedDay: "2026-04-01" }),
      buildPaper({ feedDay: "2026-04-01" }),
      buildPaper({ feedDay: "2026-04-02" }),
    ];
    expect(await announcedBy(() => upsertPapers(papers))).toEqual([["day:2026-04-01", "day:2026-04-02", "days", "search"]]);
  });

  it("an upvote and taking it back each announce the paper and its day", async () => {
    const [paper] = await createPapers(buildPaper({ feedDay: "2026-04-03" }));
    const user = await createUser();
    const id = paper?.arxivId ?? "";
    expect(await announcedBy(() => setUpvote(user.id, id, true))).toEqual([["day:2026-04-03", `paper:${id}`]]);
    expect(await announcedBy(() => setUpvote(user.id, id, false))).toEqual([["day:2026-04-03", `paper:${id}`]]);
  });

  it("a re-import that changes nothing announces nothing; a new title announces the paper and 'search'", async () => {
    const paper = buildPaper({ feedDay: "2026-04-04" });
    await createPapers(paper);
    expect(await announcedBy(() => upsertPapers([paper]))).toEqual([]);
    expect(await announcedBy(() => upsertPapers([{ ...paper, title: "A better title" }]))).toEqual([
      ["day:2026-04-04", `paper:${paper.arxivId}`, "search"],
    ]);
  });

  it("categories or authors changed in SQL announce the paper and 'search' (category pages, author lists, results)", async () => {
    const [paper] = await createPapers(buildPaper({ feedDay: "2026-04-04", categories: ["cs.CL"] }));
    const id = paper?.arxivId ?? "";
    const expected = [["day:2026-04-04", `paper:${id}`, "search"]];
    expect(await announcedBy(() => db.$executeRaw`UPDATE papers SET categories = '{cs.LG}' WHERE arxiv_id = ${id}`)).toEqual(
      expected,
    );
    expect(
      await announcedBy(() => db.$executeRaw`UPDATE papers SET authors = '{"Ada Lovelace"}' WHERE arxiv_id = ${id}`),
    ).toEqual(expected);
  });

  it("deleting a paper announces it, its day, 'days' and 'search'", async () => {
    const [paper] = await createPapers(buildPaper({ feedDay: "2026-04-05" }));
    const id = paper?.arxivId ?? "";
    expect(await announcedBy(() => db.$executeRaw`DELETE FROM papers WHERE arxiv_id = ${id}`)).toEqual([
      ["day:2026-04-05", "days", `paper:${id}`, "search"],
    ]);
  });

  it("a statement changing more papers than a message can list announces '*'", async () => {
    await createPapers(...Array.from({ length: 600 }, () => buildPaper({ feedDay: "2026-04-06" })));
    expect(await announcedBy(() => db.$executeRaw`UPDATE papers SET upvotes = upvotes + 1`)).toEqual([["*"]]);
  });
});

describe("listenForInvalidations", () => {
  it("retires the cached copies that show what changed, and nothing else", async () => {
    const [a, b] = await createPapers(buildPaper({ feedDay: "2026-04-07" }), buildPaper({ feedDay: "2026-04-08" }));
    const cache = new PageCache({ maxBytes: 1024 * 1024 });
    const changes = listenForInvalidations({ connectionString: process.env.DATABASE_URL ?? "", cache, log: () => {} });
    try {
      await expect.poll(() => changes.isLive()).toBe(true);
      const keep = (key: string, tag: string) =>
        cache.store(key, { headers: {}, body: Buffer.from(key), tags: [tag], maxAgeMs: 60_000 }, cache.now());
      keep("/papers/a", `paper:${a?.arxivId}`);
      keep("/papers/b", `paper:${b?.arxivId}`);
      const user = await createUser();
      await setUpvote(user.id, a?.arxivId ?? "", true);
      await expect.poll(() => cache.peek("/papers/a")?.staleSince ?? null).not.toBeNull();
      expect(cache.lookup("/papers/b").kind).toBe("hit");
    } finally {
      await changes.stop();
    }
    expect(changes.isLive()).toBe(false);
  });
});
