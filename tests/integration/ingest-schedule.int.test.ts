import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { type FakeArxiv, startFakeArxiv } from "../support/fake-arxiv";
import { setEnv } from "../support/fresh-env";

/**
 * Scheduled ingestion against local stand-ins that answer in each source's real format: Hugging
 * Face's /api/daily_papers?date= (a recorded answer for 2025-01-13 and 14) and arXiv's Atom API.
 */
const recorded = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, "../fixtures/hf-daily-2025-01-13-14.json"), "utf8"),
) as { publishedAt: string }[];

let hf: Server;
let hfUrl = "";
const asked: string[] = [];
const failing = new Set<string>();
let arxiv: FakeArxiv;

beforeAll(async () => {
  hf = createServer((request, response) => {
    const date = new URL(request.url ?? "/", "http://x").searchParams.get("date") ?? "";
    asked.push(date);
    if (failing.has(date)) {
      response.writeHead(500).end("Internal Server Error");
      return;
    }
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(recorded.filter((item) => item.publishedAt.startsWith(date))));
  });
  await new Promise<void>((resolve) => hf.listen(0, "127.0.0.1", resolve));
  const address = hf.address();
  hfUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/api/daily_papers`;
  arxiv = await startFakeArxiv();
});
afterAll(async () => {
  await new Promise((resolve) => hf.close(resolve));
  await arxiv.close();
});

let scheduled: typeof import("@/lib/ingest/scheduled");
let data: typeof import("@/lib/ingest/data");
beforeEach(async () => {
  setEnv({
    HF_DAILY_PAPERS_URL: hfUrl,
    ARXIV_API_URL: arxiv.url,
    ARXIV_REQUEST_INTERVAL_MS: "0",
    INGEST_ARXIV_MAX: "5",
    INGEST_ARXIV_CATEGORIES: "cs.LG,cs.CL",
  });
  scheduled = await import("@/lib/ingest/scheduled");
  data = await import("@/lib/ingest/data");
  asked.length = 0;
  failing.clear();
});

const stateOf = async (source: "hf-daily" | "arxiv") => (await data.getIngestStates()).find((state) => state.source === source);

describe("Hugging Face's daily list on a schedule", () => {
  it("reads each day since the last complete one, up to today, once; a second run adds nothing", async () => {
    const now = new Date("2025-01-14T12:00:00Z");
    const [first] = await scheduled.runScheduledIngest({ now, sources: ["hf-daily"] });
    // A first run goes back a week.
    expect(asked).toEqual([
      "2025-01-07",
      "2025-01-08",
      "2025-01-09",
      "2025-01-10",
      "2025-01-11",
      "2025-01-12",
      "2025-01-13",
      "2025-01-14",
    ]);
    expect(first).toMatchObject({ source: "hf-daily", added: 14, cursor: "2025-01-13" });
    expect(await db.paper.count()).toBe(14);
    expect(await db.paper.count({ where: { feedDay: new Date("2025-01-14") } })).toBe(9);

    asked.length = 0;
    const [again] = await scheduled.runScheduledIngest({ now, sources: ["hf-daily"] });
    // Today's list again (it grows during the day), nothing before it; nothing added twice.
    expect(asked).toEqual(["2025-01-14"]);
    expect(again).toMatchObject({ added: 0, cursor: "2025-01-13" });
    expect(await db.paper.count()).toBe(14);
    expect(await stateOf("hf-daily")).toMatchObject({ cursor: "2025-01-13", lastAdded: 0, papersAdded: 14, lastError: null });
  });

  it("a day that fails keeps what came before; the next run starts at that day and says the error is gone", async () => {
    failing.add("2025-01-12");
    const [run] = await scheduled.runScheduledIngest({ now: new Date("2025-01-14T12:00:00Z"), sources: ["hf-daily"] });
    expect(run?.error).toMatch(/2025-01-12: .*500/);
    const failed = await stateOf("hf-daily");
    expect(failed).toMatchObject({ cursor: "2025-01-11", lastSuccessAt: null, lastError: expect.stringMatching(/2025-01-12/) });

    failing.clear();
    asked.length = 0;
    await scheduled.runScheduledIngest({ now: new Date("2025-01-14T12:00:00Z"), sources: ["hf-daily"] });
    expect(asked).toEqual(["2025-01-12", "2025-01-13", "2025-01-14"]);
    expect(await stateOf("hf-daily")).toMatchObject({ cursor: "2025-01-13", lastError: null, papersAdded: 14 });
  });
});

describe("arXiv by categories on a schedule", () => {
  it("asks for the configured categories since the last harvest, a page at most, and records where it stands", async () => {
    const now = new Date("2025-01-14T02:00:00Z");
    const before = arxiv.requests.length;
    const [run] = await scheduled.runScheduledIngest({ now, sources: ["arxiv"] });
    const query = arxiv.requests.at(-1)?.get("search_query") ?? "";
    expect(arxiv.requests.length - before).toBe(1);
    expect(query).toBe("(cat:cs.LG OR cat:cs.CL) AND submittedDate:[202501120200 TO 202501140200]");
    expect(arxiv.requests.at(-1)?.get("max_results")).toBe("5");
    expect(run).toMatchObject({ source: "arxiv", added: 5, cursor: now.toISOString() });
    expect(await db.paper.count()).toBe(5);

    // The next harvest starts a day before the last one's time (late announcements), and is idempotent.
    await scheduled.runScheduledIngest({ now: new Date("2025-01-15T02:00:00Z"), sources: ["arxiv"] });
    expect(arxiv.requests.at(-1)?.get("search_query")).toContain("submittedDate:[202501130200 TO 202501150200]");
    expect(await db.paper.count()).toBe(5);
    expect(await stateOf("arxiv")).toMatchObject({ papersAdded: 5, lastAdded: 0, cursor: "2025-01-15T02:00:00.000Z" });
  });
});

describe("the schedule", () => {
  it("is a pg-boss cron when INGEST_CRON is set, and none when it is not", async () => {
    const schedules = async () =>
      db.$queryRaw<{ name: string; cron: string }[]>`SELECT name, cron FROM pgboss.schedule WHERE name = 'ingest'`;
    setEnv({ INGEST_CRON: "30 1 * * *", HF_DAILY_PAPERS_URL: hfUrl });
    let worker = await (await import("@/lib/jobs/worker")).startWorker({
      connectionString: process.env.DATABASE_URL ?? "",
      log: () => {},
    });
    await worker.stop({ timeoutMs: 2_000 });
    expect(await schedules()).toEqual([{ name: "ingest", cron: "30 1 * * *" }]);
    setEnv({ INGEST_CRON: undefined });
    worker = await (await import("@/lib/jobs/worker")).startWorker({
      connectionString: process.env.DATABASE_URL ?? "",
      log: () => {},
    });
    await worker.stop({ timeoutMs: 2_000 });
    expect(await schedules()).toEqual([]);
  }, 60_000);
});
