import { readFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { parseHfDailyPapers } from "@/lib/ingest/hf-daily";
import type { PaperInput } from "@/lib/papers/schema";

/** The 9,577 real papers the app ships (prisma/data), as the importer reads them. */
const REAL_PAPERS_FILE = path.resolve(import.meta.dirname, "../../prisma/data/hf-daily-papers-2024-05-to-2026-08.json.gz");

let cached: PaperInput[] | null = null;

export async function realPapers(): Promise<PaperInput[]> {
  cached ??= parseHfDailyPapers(JSON.parse(gunzipSync(await readFile(REAL_PAPERS_FILE)).toString("utf8"))).papers;
  return cached;
}
