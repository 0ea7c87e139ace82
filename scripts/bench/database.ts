import pg from "pg";
import { disconnectDb } from "@/lib/db";
import { env } from "@/lib/env";
import type { OpenDatabase } from "@/lib/runtime/database";
import { migrate } from "@/lib/runtime/migrate";

export const BENCH_DATABASE = "daily_papers_bench";

/**
 * The bench's own database on the app's server (DATABASE_URL's, or the embedded one), created when
 * missing and migrated; never dropped, so that a generated dataset is there for the next run.
 */
export async function openBenchDatabase(server: OpenDatabase, log: (line: string) => void): Promise<string> {
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [BENCH_DATABASE]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${BENCH_DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = server.databaseUrl(BENCH_DATABASE);
  await migrate(url, log);
  return url;
}

/**
 * Reads the dataset's tables and indexes into memory once (pg_prewarm, a contrib module of
 * PostgreSQL), as they are on a server that has been answering for a while: the bench measures the
 * app at steady state, not the disk. Says so, or why it could not.
 */
export async function prewarm(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("CREATE EXTENSION IF NOT EXISTS pg_prewarm");
    const { rows } = await client.query<{ pages: string }>(`
      SELECT sum(pg_prewarm(c.oid::regclass, 'read'))::text AS pages
      FROM pg_class c
      WHERE c.relkind IN ('r', 'i', 't') AND c.relnamespace = 'public'::regnamespace
         OR c.oid IN (SELECT reltoastrelid FROM pg_class WHERE relnamespace = 'public'::regnamespace)`);
    return `prewarmed ${Math.round((Number(rows[0]?.pages ?? 0) * 8) / 1024).toLocaleString("en-US")} MB with pg_prewarm`;
  } catch (error) {
    return `not prewarmed (${(error as Error).message})`;
  } finally {
    await client.end();
  }
}

/**
 * Runs `work` with lib/db (Prisma, and everything in lib built on it) talking to `url` instead of the
 * app's database, then points it back.
 */
export async function withLibDatabase<T>(url: string, work: () => Promise<T>): Promise<T> {
  const previous = env.DATABASE_URL;
  await disconnectDb();
  process.env.DATABASE_URL = url;
  env.DATABASE_URL = url;
  try {
    return await work();
  } finally {
    await disconnectDb();
    process.env.DATABASE_URL = previous;
    env.DATABASE_URL = previous;
  }
}
