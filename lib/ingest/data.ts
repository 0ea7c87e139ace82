import "server-only";
import { db } from "@/lib/db";

export type IngestSourceName = "hf-daily" | "arxiv";

export interface IngestState {
  source: IngestSourceName;
  cursor: string | null;
  lastRunAt: Date | null;
  lastSuccessAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  lastAdded: number;
  papersAdded: number;
}

/** Every source's state (the operator page), those that never ran absent. */
export async function getIngestStates(): Promise<IngestState[]> {
  const rows = await db.ingestSource.findMany({ orderBy: { source: "asc" } });
  return rows.map((row) => ({ ...row, source: row.source as IngestSourceName, papersAdded: Number(row.papersAdded) }));
}

export async function getIngestCursor(source: IngestSourceName): Promise<string | null> {
  return (await db.ingestSource.findUnique({ where: { source }, select: { cursor: true } }))?.cursor ?? null;
}
