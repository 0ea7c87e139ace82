import pg from "pg";

const RECONNECT_MS = 5_000;

/**
 * Calls `onWake` whenever PostgreSQL notifies `channel` (a trigger's pg_notify, delivered when its
 * transaction commits), on a connection of its own that is made again if it drops. Best effort: the
 * queue's every-minute schedule is what guarantees the work is done; this only makes it prompt.
 */
export function wakeOnNotify(options: {
  connectionString: string;
  channel: string;
  onWake: () => void;
  log: (message: string) => void;
}): { stop(): Promise<void> } {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    if (stopped) return;
    const next = new pg.Client({ connectionString: options.connectionString, keepAlive: true });
    client = next;
    const again = (reason: string) => {
      if (client !== next) return;
      client = null;
      next.removeAllListeners();
      next.on("error", () => {});
      void next.end().catch(() => {});
      if (stopped) return;
      options.log(`listening on ${options.channel} failed (${reason}); trying again in ${RECONNECT_MS / 1000} s`);
      retry = setTimeout(connect, RECONNECT_MS);
    };
    next.on("error", (error) => again(error.message));
    next.on("end", () => again("connection closed"));
    next.on("notification", (message) => {
      if (message.channel === options.channel) options.onWake();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${pg.escapeIdentifier(options.channel)}`);
    } catch (error) {
      again((error as Error).message);
    }
  };
  void connect();

  return {
    async stop() {
      stopped = true;
      clearTimeout(retry);
      const last = client;
      client = null;
      if (last) {
        last.removeAllListeners();
        last.on("error", () => {});
        await last.end().catch(() => {});
      }
    },
  };
}
