import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { copyFile, mkdtemp, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { type FakeArxiv, startFakeArxiv, UNAVAILABLE_ID } from "../support/fake-arxiv";
import { setEnv } from "../support/fresh-env";

const root = path.resolve(import.meta.dirname, "../..");
const fixtures = path.join(root, "tests/fixtures");
const HF_SAMPLE = path.join(fixtures, "hf-daily-2025-01-13-14.json");
const SNAPSHOT = path.join(fixtures, "arxiv-snapshot-sample.jsonl");
const hfItems = JSON.parse(readFileSync(HF_SAMPLE, "utf8")) as { paper: { id: string } }[];

let arxiv: FakeArxiv;
let files: Server;
let filesUrl: string;

beforeAll(async () => {
  arxiv = await startFakeArxiv();
  // A plain HTTP server standing in for a remote JSON URL (a mirror of Hugging Face's API, say).
  files = createServer((request, response) => {
    const name = path.basename(new URL(request.url ?? "/", "http://x").pathname);
    try {
      response.end(readFileSync(path.join(fixtures, name)));
    } catch {
      response.statusCode = 404;
      response.end();
    }
  });
  await new Promise<void>((resolve) => files.listen(0, "127.0.0.1", resolve));
  const address = files.address();
  filesUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});
afterAll(async () => {
  await arxiv.close();
  await new Promise((resolve) => files.close(resolve));
});

let importPapers: typeof import("@/lib/ingest/import").importPapers;
beforeEach(async () => {
  setEnv({ ARXIV_API_URL: arxiv.url, ARXIV_REQUEST_INTERVAL_MS: "0" });
  ({ importPapers } = await import("@/lib/ingest/import"));
  arxiv.requests.length = 0;
});

describe("Hugging Face daily-papers files and URLs", () => {
  it("import every item, and a second import changes nothing", async () => {
    const first = await importPapers({ kind: "hf", location: HF_SAMPLE });
    expect(first).toMatchObject({ records: hfItems.length, inserted: hfItems.length, updated: 0, unchanged: 0, rejected: [] });
    const before = await db.paper.findMany({ orderBy: { arxivId: "asc" } });
    const second = await importPapers({ kind: "hf", location: `${filesUrl}/hf-daily-2025-01-13-14.json` });
    expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: hfItems.length });
    expect(await db.paper.findMany({ orderBy: { arxivId: "asc" } })).toEqual(before);
  });

  it("reject malformed items one by one with a reason and import the rest; --strict imports nothing", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "import-"));
    const items = JSON.parse(readFileSync(HF_SAMPLE, "utf8"));
    items[1].paper.id = "not-an-id";
    items[2].paper.authors = [];
    delete items[3].paper.title;
    const file = path.join(dir, "broken.json");
    await writeFile(file, JSON.stringify(items));

    const strict = await importPapers({ kind: "hf", location: file }, { strict: true });
    expect(strict).toMatchObject({ rolledBack: true, inserted: 0 });
    expect(await db.paper.count()).toBe(0);

    const lenient = await importPapers({ kind: "hf", location: file });
    expect(lenient.inserted).toBe(items.length - 3);
    expect(lenient.rejected).toEqual([
      { at: "item 2", id: "not-an-id", reason: expect.stringContaining("arXiv id") },
      { at: "item 3", id: items[2].paper.id, reason: expect.stringContaining("at least one author") },
      { at: "item 4", id: items[3].paper.id, reason: expect.stringContaining("paper.title") },
    ]);
    expect(await db.paper.count()).toBe(items.length - 3);
  });

  it("refuse a file that is not JSON, importing nothing", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "import-"));
    const file = path.join(dir, "truncated.json");
    await writeFile(file, readFileSync(HF_SAMPLE, "utf8").slice(0, 5000));
    await expect(importPapers({ kind: "hf", location: file })).rejects.toThrow(/not valid JSON.*nothing was imported/);
    await expect(importPapers({ kind: "hf", location: `${filesUrl}/missing.json` })).rejects.toThrow(/HTTP 404/);
    expect(await db.paper.count()).toBe(0);
  });
});

describe("the arXiv metadata snapshot (JSON lines)", () => {
  it("streams the file, plain or gzipped, rejecting bad lines with reasons", async () => {
    const progress: (number | null)[] = [];
    const summary = await importPapers(
      { kind: "snapshot", location: `${SNAPSHOT}.gz` },
      { onProgress: (p) => progress.push(p.fraction) },
    );
    expect(summary).toMatchObject({ records: 12, inserted: 9 });
    expect(summary.rejected.map((r) => r.at)).toEqual(["line 10", "line 11", "line 12"]);
    expect(progress.at(-1)).toBe(1);
    expect(await importPapers({ kind: "snapshot", location: SNAPSHOT })).toMatchObject({ inserted: 0, unchanged: 9 });
    expect(await db.paper.findUnique({ where: { arxivId: "2101.04297" } })).toMatchObject({
      title: "Number Parsing at a Gigabyte per Second",
      githubRepo: "https://github.com/fastfloat/fast_float",
    });
  });
});

describe("arXiv's Atom API (a local stand-in)", () => {
  it("imports by id, asking arXiv once, and reports ids arXiv does not have", async () => {
    const ids = [hfItems[0]?.paper.id ?? "", hfItems[1]?.paper.id ?? "", "2501.00000"];
    const summary = await importPapers({ kind: "arxiv-ids", ids, feedDay: "2026-11-27" as never });
    expect(summary.inserted).toBe(2);
    expect(summary.rejected).toEqual([{ at: "arXiv", id: "2501.00000", reason: "arXiv has no paper with this id" }]);
    expect(arxiv.requests.map((request) => request.get("id_list"))).toEqual([ids.join(",")]);
    const paper = await db.paper.findUniqueOrThrow({ where: { arxivId: ids[0] ?? "" } });
    expect(paper.feedDay.toISOString().slice(0, 10)).toBe("2026-11-27");
  });

  it("pages through a search query up to --max", async () => {
    const summary = await importPapers({ kind: "arxiv-query", query: "cat:cs.CL", max: 10 });
    expect(summary.inserted).toBe(10);
    expect(arxiv.requests[0]?.get("search_query")).toBe("cat:cs.CL");
    expect(arxiv.requests[0]?.get("max_results")).toBe("10");
  });

  it("says so when arXiv is unreachable or failing", async () => {
    await expect(importPapers({ kind: "arxiv-ids", ids: [UNAVAILABLE_ID] })).rejects.toThrow(/arXiv answered HTTP 503/);
    setEnv({ ARXIV_API_URL: "http://127.0.0.1:9/api/query" });
    const fresh = await import("@/lib/ingest/import");
    await expect(fresh.importPapers({ kind: "arxiv-ids", ids: ["2501.00001"] })).rejects.toThrow(/arXiv did not answer/);
  });
});

describe("npm run import", () => {
  function runImport(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/import.ts", ...args], {
        cwd: root,
        env: { ...process.env, ARXIV_API_URL: arxiv.url, ARXIV_REQUEST_INTERVAL_MS: "0" },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
  }

  it("prints progress and a summary with each rejection's reason, and fails when records were rejected", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "import-"));
    const file = path.join(dir, "sample.jsonl");
    await copyFile(SNAPSHOT, file);
    const run = await runImport([file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/100% 12 records/);
    expect(run.stdout).toContain(`Imported ${file}: 12 records`);
    expect(run.stdout).toMatch(/inserted {3}9\n {2}updated {4}0\n {2}unchanged {2}0\n {2}rejected {3}3/);
    expect(run.stdout).toContain("line 11: not valid JSON");
    const again = await runImport([HF_SAMPLE]);
    expect(again.code).toBe(0);
    expect(await runImport(["--arxiv", "not-an-id"])).toMatchObject({ code: 2 });
  }, 60_000);

  it("--arxiv --missing-categories adds arXiv's categories to papers from Hugging Face lists, keeping their feed day", async () => {
    expect((await runImport([HF_SAMPLE])).code).toBe(0);
    const before = await db.paper.findMany({ select: { arxivId: true, feedDay: true, categories: true } });
    expect(before.every((paper) => paper.categories.length === 0)).toBe(true);
    const run = await runImport(["--arxiv", "--missing-categories", "--max", "3"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("3 papers without categories");
    const after = await db.paper.findMany({ select: { arxivId: true, feedDay: true, categories: true } });
    const enriched = after.filter((paper) => paper.categories.length > 0);
    expect(enriched).toHaveLength(3);
    // The stand-in for arXiv answers every paper as cs.CL, its primary category.
    expect(enriched.every((paper) => paper.categories[0] === "cs.CL")).toBe(true);
    for (const paper of after) {
      expect(paper.feedDay).toEqual(before.find((old) => old.arxivId === paper.arxivId)?.feedDay);
    }
    expect((await runImport(["--arxiv", "--missing-categories", "--max", "100"])).code).toBe(0);
    expect(await db.paper.count({ where: { categories: { isEmpty: true } } })).toBe(0);
    expect((await runImport(["--arxiv", "--missing-categories"])).stdout).toContain("nothing to ask arXiv for");
  }, 60_000);
});
