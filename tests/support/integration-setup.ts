import { afterAll, beforeEach } from "vitest";
import { recreateDatabase, TEST_DATABASE_PREFIX } from "./test-databases";

/**
 * Each vitest worker gets its own copy of the migrated template database, so test files run in
 * parallel without seeing each other's rows; every test starts from empty tables.
 */
const adminUrl = process.env.TEST_DATABASE_ADMIN_URL;
const template = process.env.TEST_DATABASE_TEMPLATE;
if (!adminUrl || !template) {
  throw new Error("Integration tests need a database server: run them with `npm test` (it provides one).");
}

const workerDatabase = `${TEST_DATABASE_PREFIX}_w${process.env.VITEST_POOL_ID ?? "0"}`;
const globalState = globalThis as unknown as { __testDatabaseReady?: Promise<string> };
// Once per worker process (setup files run once per test file).
globalState.__testDatabaseReady ??= recreateDatabase(adminUrl, workerDatabase, template);
process.env.DATABASE_URL = await globalState.__testDatabaseReady;

const { resetDatabase } = await import("./reset-database");
const { disconnectDb } = await import("@/lib/db");

beforeEach(async () => {
  await resetDatabase();
});

afterAll(async () => {
  await disconnectDb();
});
