import { env } from "@/lib/env";
import { acquireEmbeddedPostgres } from "./embedded-postgres";
import { migrate } from "./migrate";

export interface OpenDatabase {
  url: string;
  embedded: boolean;
  /** The URL of another database on the same server (for tests). */
  databaseUrl(name: string): string;
  /** See EmbeddedPostgresHandle.release. */
  release(options?: { settleMs?: number }): Promise<void>;
}

type Log = (message: string) => void;

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}

/**
 * The database every entry point (web server, worker, scripts, tests) uses: DATABASE_URL when it is
 * set, otherwise the embedded server under DATA_DIR, started if needed. The URL is put into the
 * environment so that lib/db and child processes (the Next.js server) connect to the same place.
 */
export async function openDatabase(options: { migrate?: boolean; log?: Log } = {}): Promise<OpenDatabase> {
  const log = options.log ?? ((message: string) => console.log(message));
  let opened: OpenDatabase;
  if (env.DATABASE_URL) {
    const url = env.DATABASE_URL;
    opened = { url, embedded: false, databaseUrl: (name) => withDatabase(url, name), release: async () => {} };
  } else {
    const handle = await acquireEmbeddedPostgres({ dataDir: env.DATA_DIR, log });
    opened = { url: handle.url, embedded: true, databaseUrl: handle.serverUrl, release: handle.release };
    process.env.DATABASE_URL = handle.url;
    env.DATABASE_URL = handle.url;
  }
  if (options.migrate !== false) {
    try {
      await migrate(opened.url, log);
    } catch (error) {
      await opened.release();
      throw error;
    }
  }
  return opened;
}
