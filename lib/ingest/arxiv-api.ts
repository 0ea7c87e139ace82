import type { Day } from "@/lib/dates";
import { env } from "@/lib/env";
import { type AtomPage, parseArxivAtom } from "./arxiv-atom";
import type { ParsedBatch } from "./types";

/** arXiv's API answers up to this many entries per request (it allows more; smaller pages are kinder). */
const ARXIV_PAGE_SIZE = 100;
const ARXIV_TIMEOUT_MS = 20_000;

/** arXiv could not be reached or answered with an error status: try again later. */
export class ArxivUnavailableError extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function fetchPage(params: URLSearchParams, feedDay?: Day): Promise<AtomPage> {
  const url = `${env.ARXIV_API_URL}?${params}`;
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(ARXIV_TIMEOUT_MS),
      headers: { "user-agent": "daily-papers (self-hosted)" },
    });
  } catch (error) {
    throw new ArxivUnavailableError(`arXiv did not answer (${(error as Error).message}).`);
  }
  if (!response.ok) throw new ArxivUnavailableError(`arXiv answered HTTP ${response.status}.`);
  return parseArxivAtom(await response.text(), { feedDay });
}

/** Papers by arXiv id (versions dropped), in pages, politely spaced. */
export async function fetchArxivByIds(ids: readonly string[], options: { feedDay?: Day } = {}): Promise<ParsedBatch> {
  const result: ParsedBatch = { papers: [], rejected: [] };
  for (let offset = 0; offset < ids.length; offset += ARXIV_PAGE_SIZE) {
    if (offset > 0) await sleep(env.ARXIV_REQUEST_INTERVAL_MS);
    const chunk = ids.slice(offset, offset + ARXIV_PAGE_SIZE);
    const page = await fetchPage(
      new URLSearchParams({ id_list: chunk.join(","), max_results: String(chunk.length) }),
      options.feedDay,
    );
    result.papers.push(...page.batch.papers);
    result.rejected.push(...page.batch.rejected);
    const found = new Set(page.batch.papers.map((paper) => paper.arxivId));
    for (const id of chunk) {
      if (!found.has(id) && !page.batch.rejected.some((r) => r.id === id))
        result.rejected.push({ at: "arXiv", id, reason: "arXiv has no paper with this id" });
    }
  }
  return result;
}

/** Papers matching an arXiv API search query (e.g. "cat:cs.LG AND ti:diffusion"), newest first. */
export async function* fetchArxivQuery(
  query: string,
  options: { max: number; feedDay?: Day; onTotal?: (total: number) => void },
): AsyncGenerator<ParsedBatch> {
  for (let start = 0; start < options.max; start += ARXIV_PAGE_SIZE) {
    if (start > 0) await sleep(env.ARXIV_REQUEST_INTERVAL_MS);
    const size = Math.min(ARXIV_PAGE_SIZE, options.max - start);
    const page = await fetchPage(
      new URLSearchParams({
        search_query: query,
        start: String(start),
        max_results: String(size),
        sortBy: "submittedDate",
        sortOrder: "descending",
      }),
      options.feedDay,
    );
    if (start === 0) options.onTotal?.(Math.min(page.totalResults, options.max));
    yield page.batch;
    if (page.batch.papers.length + page.batch.rejected.length < size || start + size >= page.totalResults) return;
  }
}
