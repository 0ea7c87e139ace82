import { describe, expect, it } from "vitest";
import { databasePoolCounts, db, withPoolConnection } from "@/lib/db";

const mainPool = () => databasePoolCounts().find((pool) => pool.pool === "main");

describe("a connection of the main pool, for pg itself", () => {
  it("answers with the work's result and goes back to the pool for the next one", async () => {
    await db.$queryRaw`SELECT 1`;
    const before = mainPool();
    const backend = await withPoolConnection(async (client) => {
      const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      return rows[0]?.pid;
    });
    expect(backend).toEqual(expect.any(Number));
    expect(before?.total).toBeGreaterThan(0);
    expect(mainPool()?.total).toBe(before?.total);
    expect(mainPool()?.idle).toBe(before?.total);
  });

  it("closes a connection whose work failed, so that no one is handed a failed transaction", async () => {
    await withPoolConnection((client) => client.query("SELECT 1"));
    const before = mainPool()?.total ?? 0;
    await expect(
      withPoolConnection(async (client) => {
        await client.query("BEGIN");
        await client.query("SELECT 1 / 0");
      }),
    ).rejects.toThrow(/division by zero/);
    expect(mainPool()?.total).toBe(before - 1);
    // The pool's next connection is in no transaction.
    const state = await withPoolConnection(async (client) => {
      const { rows } = await client.query<{ open: boolean }>("SELECT now() <> statement_timestamp() AS open");
      return rows[0]?.open;
    });
    expect(state).toBe(false);
  });
});
