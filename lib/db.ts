import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { env } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * Statements of the bounded client may run this long at most (search, lib/search/data.ts): only a
 * pathological query gets there, and it is then cut off instead of holding a connection for seconds.
 */
export const BOUNDED_STATEMENT_TIMEOUT_MS = 150;
/** Connections of the bounded client, per process (beside the main pool's). */
const BOUNDED_POOL_SIZE = 4;
/**
 * How long an idle connection is kept (pg's default is 10 s). A new PostgreSQL backend pays ~10 ms
 * to connect and more on its first statements (catalog and statistics caches): traffic that pauses
 * for a few seconds should not pay that again.
 */
const IDLE_CONNECTION_MS = 5 * 60_000;

// One client per process, created on first use so that importing this module (as `next build` does)
// needs no database. Kept on globalThis so `next dev` hot reloads do not open a new pool on every edit,
// and so that our server's own copy of lib/ and Next.js's bundle share them (and their pools).
const globalForPrisma = globalThis as unknown as {
  prisma?: PrismaClient;
  boundedPrisma?: PrismaClient;
  databasePools?: Map<string, pg.Pool>;
};

function createClient(name: string, options: { statementTimeoutMs?: number; max?: number } = {}): PrismaClient {
  if (!env.DATABASE_URL) {
    throw new Error(
      "DATABASE_URL is not set. Start the app with `npm start` (which runs an embedded PostgreSQL) or set DATABASE_URL.",
    );
  }
  // Our pool, handed to the adapter (which ends it on disconnect, as it ends one of its own), so that
  // its connections can be counted (databasePools, for /metrics).
  const pool = new pg.Pool({
    connectionString: env.DATABASE_URL,
    idleTimeoutMillis: IDLE_CONNECTION_MS,
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    ...(options.max ? { max: options.max } : {}),
  });
  globalForPrisma.databasePools ??= new Map();
  globalForPrisma.databasePools.set(name, pool);
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}

/** This process's connection pools, by name: connections open, idle, and requests waiting for one. */
export function databasePoolCounts(): { pool: string; total: number; idle: number; waiting: number }[] {
  return [...(globalForPrisma.databasePools ?? new Map<string, pg.Pool>())].map(
    ([pool, { totalCount, idleCount, waitingCount }]) => ({
      pool,
      total: totalCount,
      idle: idleCount,
      waiting: waitingCount,
    }),
  );
}

function lazy(get: () => PrismaClient): PrismaClient {
  return new Proxy({} as PrismaClient, {
    get(_target, property) {
      const instance = get();
      const value: unknown = Reflect.get(instance, property, instance);
      return typeof value === "function" ? value.bind(instance) : value;
    },
  });
}

function mainClient(): PrismaClient {
  globalForPrisma.prisma ??= createClient("main");
  return globalForPrisma.prisma;
}

export const db = lazy(mainClient);

/** The same database, each statement cut off after BOUNDED_STATEMENT_TIMEOUT_MS (reads only). */
export const boundedDb = lazy(() => {
  globalForPrisma.boundedPrisma ??= createClient("bounded", {
    statementTimeoutMs: BOUNDED_STATEMENT_TIMEOUT_MS,
    max: BOUNDED_POOL_SIZE,
  });
  return globalForPrisma.boundedPrisma;
});

/**
 * A connection of the main pool, for a read Prisma serves poorly: a cursor over a million rows (the
 * titles' words, lib/search/titles/data.ts) took 7.4-8.0 s through Prisma's raw queries and 5.6-7.1 s
 * through pg, with a quarter less garbage collection. Handed back to the pool when `work` ends,
 * closed when it throws.
 */
export async function withPoolConnection<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  mainClient(); // opens the main pool
  const pool = globalForPrisma.databasePools?.get("main");
  if (!pool) throw new Error("The main database pool is not open.");
  const client = await pool.connect();
  try {
    const result = await work(client);
    client.release();
    return result;
  } catch (error) {
    // Closed rather than handed back: it may be in a failed transaction, or broken.
    client.release(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}

export async function disconnectDb(): Promise<void> {
  await Promise.all([globalForPrisma.prisma?.$disconnect(), globalForPrisma.boundedPrisma?.$disconnect()]);
  globalForPrisma.prisma = undefined;
  globalForPrisma.boundedPrisma = undefined;
}

/** SQLSTATE codes the app tells apart (a trigger or constraint refused a write). */
export const SQLSTATE = { insufficientPrivilege: "42501", checkViolation: "23514" } as const;

/**
 * The SQLSTATE behind a failed raw statement: Prisma keeps it in meta.code ("P2010" is its own code
 * for any failed raw query), and in the message ("Code: `23514`").
 */
export function sqlState(error: unknown): string | undefined {
  const meta = (error as { meta?: { code?: unknown } }).meta;
  if (typeof meta?.code === "string") return meta.code;
  return /Code: `([0-9A-Z]{5})`/.exec(String((error as Error)?.message ?? ""))?.[1];
}
