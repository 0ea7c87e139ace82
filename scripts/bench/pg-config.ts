import { spawn } from "node:child_process";
import os from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { env } from "@/lib/env";
import { SUGGESTED_SHARED_BUFFERS_MAX } from "@/lib/health/db-settings";
import type { OpenDatabase } from "@/lib/runtime/database";
import { startEmbeddedServer, stopEmbeddedServer } from "@/lib/runtime/embedded-postgres";

/**
 * PostgreSQL configurations the bench can measure one after the other (`--pg-config stock,tuned`):
 * - current: the server as it is (nothing changed, nothing restarted);
 * - stock: the distribution's defaults for memory (Debian's shared_buffers 128 MB, effective_cache_size 4 GB);
 * - tuned: what the README's Deploying section asks for: shared_buffers a quarter of RAM up to 4 GB,
 *   effective_cache_size half of RAM.
 * Memory settings need a restart: the bench's own embedded server is restarted by the bench; a server
 * at DATABASE_URL by the command in BENCH_PG_RESTART (e.g. `pg_ctlcluster 15 main restart`). The
 * settings found before are put back at the end.
 */
export const PG_CONFIGS = ["current", "stock", "tuned"] as const;
export type PgConfig = (typeof PG_CONFIGS)[number];

const MEMORY_SETTINGS = ["shared_buffers", "effective_cache_size"] as const;
type MemorySetting = (typeof MEMORY_SETTINGS)[number];
/** A value for ALTER SYSTEM SET, or null for RESET (the configuration file's value, or the default). */
type Settings = Record<MemorySetting, string | null>;

const megabytes = (bytes: number) => `${Math.floor(bytes / 1024 ** 2)}MB`;

export function settingsFor(config: Exclude<PgConfig, "current">, totalMemoryBytes = os.totalmem()): Settings {
  if (config === "stock") return { shared_buffers: null, effective_cache_size: null };
  return {
    shared_buffers: megabytes(Math.min(totalMemoryBytes / 4, SUGGESTED_SHARED_BUFFERS_MAX)),
    effective_cache_size: megabytes(totalMemoryBytes / 2),
  };
}

/** How to restart the bench's server, or why it cannot be. */
export function restarterFor(server: OpenDatabase): { restart: () => Promise<void> } | { error: string } {
  if (server.embedded) {
    return {
      restart: async () => {
        const port = await stopEmbeddedServer(env.DATA_DIR);
        await startEmbeddedServer(env.DATA_DIR, port);
      },
    };
  }
  const command = process.env.BENCH_PG_RESTART;
  if (!command) {
    return {
      error:
        "--pg-config needs to restart PostgreSQL (memory settings take effect only then): set BENCH_PG_RESTART to the command " +
        "that restarts the server at DATABASE_URL, e.g. BENCH_PG_RESTART='pg_ctlcluster 15 main restart'.",
    };
  }
  return {
    restart: () =>
      new Promise((resolve, reject) => {
        const child = spawn("sh", ["-c", command], { stdio: ["ignore", "inherit", "inherit"] });
        child.on("error", reject);
        child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`BENCH_PG_RESTART exited with ${code}`))));
      }),
  };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

async function waitForServer(url: string) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const up = await withClient(url, async (client) => (await client.query("SELECT 1")).rowCount === 1).catch(() => false);
    if (up) return;
    if (Date.now() > deadline) throw new Error("PostgreSQL did not come back within 2 minutes of its restart");
    await sleep(500);
  }
}

/** What ALTER SYSTEM has set for the memory settings now (null: nothing), to put back at the end. */
export async function readSystemSettings(url: string): Promise<Settings> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ name: MemorySetting; setting: string }>(
      `SELECT name, setting FROM pg_file_settings
       WHERE sourcefile LIKE '%postgresql.auto.conf' AND name = ANY($1::text[]) AND error IS NULL`,
      [MEMORY_SETTINGS],
    );
    const found: Settings = { shared_buffers: null, effective_cache_size: null };
    for (const row of rows) found[row.name] = row.setting;
    return found;
  });
}

/** Sets the memory settings with ALTER SYSTEM, restarts the server, and says what it now runs with. */
export async function applySettings(url: string, settings: Settings, restart: () => Promise<void>): Promise<string> {
  await withClient(url, async (client) => {
    for (const name of MEMORY_SETTINGS) {
      const value = settings[name];
      // ALTER SYSTEM takes no parameters: the values are ours (settingsFor, or read back from the server).
      if (value !== null && !/^[\w.]+$/.test(value)) throw new Error(`unexpected value for ${name}: ${value}`);
      await client.query(value === null ? `ALTER SYSTEM RESET ${name}` : `ALTER SYSTEM SET ${name} = '${value}'`);
    }
  });
  await restart();
  await waitForServer(url);
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ shared_buffers: string; effective_cache_size: string }>(
      "SELECT current_setting('shared_buffers') AS shared_buffers, current_setting('effective_cache_size') AS effective_cache_size",
    );
    return `shared_buffers ${rows[0]?.shared_buffers}, effective_cache_size ${rows[0]?.effective_cache_size}`;
  });
}
