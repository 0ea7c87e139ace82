import pg from "pg";
import type { PageCache } from "./store";

/**
 * The channel PostgreSQL announces changes on. Triggers on `papers` (prisma/migrations/*_page_cache)
 * send `{"tags": [...]}` when a statement commits that changes what pages show, whoever wrote it: the
 * app, `npm run import`, a test's SQL, psql. Every server process listens and retires its copies.
 */
export const INVALIDATION_CHANNEL = "page_cache";

const RECONNECT_MIN_MS = 500;
/** Short: this connection also tells the server when the database is back (503s end then). */
const RECONNECT_MAX_MS = 2_000;
/** A connection that died without saying so would miss changes: it is checked this often. */
const PING_INTERVAL_MS = 15_000;
const PING_TIMEOUT_MS = 5_000;

export interface InvalidationListener {
  /** True while changes are being heard; the cache must not be used otherwise. */
  isLive(): boolean;
  /**
   * True from the moment the connection to the database was lost until it is made again: the
   * server answers 503 meanwhile (lib/http/guards.ts). False before the first connection.
   */
  isDown(): boolean;
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
 * since changes made meanwhile were missed. The same connection is the server's sign of whether the
 * database is reachable (PostgreSQL closes it at once when it stops): one line is logged when it is
 * lost and one when it is back, however many reconnection attempts fail in between.
 */
export function listenForInvalidations(options: {
  connectionString: string;
  /** The page cache, or null when it is off (the connection still tells whether the database is up). */
  cache: PageCache | null;
  /**
   * Told every change heard (its tags), and ["*"] each time the connection is made (what changed
   * while nobody listened went unheard): for what else a process keeps of the database.
   */
  onChange?: (tags: readonly string[]) => void;
  log: (line: string) => void;
}): InvalidationListener {
  let client: pg.Client | null = null;
  let live = false;
  let down = false;
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
    if (!down) options.log(`database unavailable (${reason}): answering 503 until it is back`);
    down = true;
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
      if (message.channel !== INVALIDATION_CHANNEL) return;
      const tags = parseInvalidation(message.payload);
      options.cache?.invalidate(tags);
      options.onChange?.(tags);
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
    options.cache?.invalidateAll();
    options.onChange?.(["*"]);
    if (down) options.log("database reachable again");
    down = false;
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
    isDown: () => down,
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
