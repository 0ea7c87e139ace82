import pg from "pg";
import type { PageCache } from "./store";

/**
 * The channel PostgreSQL announces changes on. Triggers on `papers` (prisma/migrations/*_page_cache)
 * send `{"tags": [...]}` when a statement commits that changes what pages show, whoever wrote it: the
 * app, `npm run import`, a test's SQL, psql. Every server process listens and retires its copies.
 */
export const INVALIDATION_CHANNEL = "page_cache";

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 30_000;
/** A connection that died without saying so would miss changes: it is checked this often. */
const PING_INTERVAL_MS = 15_000;
const PING_TIMEOUT_MS = 5_000;

export interface InvalidationListener {
  /** True while changes are being heard; the cache must not be used otherwise. */
  isLive(): boolean;
  stop(): Promise<void>;
}

export function parseInvalidation(payload: string | undefined): string[] {
  try {
    const parsed = JSON.parse(payload ?? "") as { tags?: unknown };
    if (Array.isArray(parsed.tags) && parsed.tags.every((tag) => typeof tag === "string")) return parsed.tags;
  } catch {
    // fall through: an unreadable announcement retires everything, to be safe
  }
  return ["*"];
}

/**
 * LISTENs for changes on a connection of its own and retires the cache's copies. While the connection
 * is down the cache is not used (changes would go unheard); when it comes back, every copy is retired,
 * since changes made meanwhile were missed.
 */
export function listenForInvalidations(options: {
  connectionString: string;
  cache: PageCache;
  log: (line: string) => void;
}): InvalidationListener {
  let client: pg.Client | null = null;
  let live = false;
  let stopped = false;
  let delay = RECONNECT_MIN_MS;
  let ping: NodeJS.Timeout | undefined;
  let reconnect: NodeJS.Timeout | undefined;

  const drop = (reason: string) => {
    if (!client) return;
    const old = client;
    client = null;
    live = false;
    clearInterval(ping);
    old.removeAllListeners();
    old.on("error", () => {});
    void old.end().catch(() => {});
    if (stopped) return;
    options.log(`page cache: lost the change feed (${reason}); serving without the cache until it is back`);
    reconnect = setTimeout(connect, delay);
    delay = Math.min(delay * 2, RECONNECT_MAX_MS);
  };

  const connect = async () => {
    if (stopped) return;
    const next = new pg.Client({ connectionString: options.connectionString, keepAlive: true });
    client = next;
    next.on("error", (error) => drop(error.message));
    next.on("end", () => drop("connection ended"));
    next.on("notification", (message) => {
      if (message.channel === INVALIDATION_CHANNEL) options.cache.invalidate(parseInvalidation(message.payload));
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${INVALIDATION_CHANNEL}`);
    } catch (error) {
      drop((error as Error).message);
      return;
    }
    if (client !== next) return;
    // Whatever changed while nobody listened was missed.
    options.cache.invalidateAll();
    live = true;
    delay = RECONNECT_MIN_MS;
    ping = setInterval(() => {
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error("ping timed out")), PING_TIMEOUT_MS).unref(),
      );
      void Promise.race([next.query("SELECT 1"), timeout]).catch((error: Error) => {
        if (client === next) drop(error.message);
      });
    }, PING_INTERVAL_MS);
    ping.unref();
  };

  void connect();
  return {
    isLive: () => live,
    async stop() {
      stopped = true;
      clearTimeout(reconnect);
      clearInterval(ping);
      live = false;
      const current = client;
      client = null;
      if (current) {
        current.removeAllListeners();
        current.on("error", () => {});
        await current.end().catch(() => {});
      }
    },
  };
}
