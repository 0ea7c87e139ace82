import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { migrate, readMigrations } from "@/lib/runtime/migrate";
import { readPrismaSchema } from "../support/prisma-schema";
import { recreateDatabase } from "../support/test-databases";

interface ColumnRow {
  table_name: string;
  column_name: string;
  udt_name: string;
  is_nullable: "YES" | "NO";
  character_maximum_length: number | null;
}

describe("migrations", () => {
  it("build a database that matches schema.prisma: every table, column, type, nullability and index", async () => {
    const models = readPrismaSchema();
    expect(models.length).toBeGreaterThan(0);
    const columns = await db.$queryRaw<ColumnRow[]>`
      SELECT table_name, column_name, udt_name, is_nullable, character_maximum_length
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`;
    const indexes = await db.$queryRaw<{ table_name: string; columns: string[]; is_unique: boolean }[]>`
      SELECT t.relname AS table_name, i.indisunique AS is_unique,
             array_agg(a.attname::text ORDER BY k.ordinality) AS columns
      FROM pg_index i
      JOIN pg_class t ON t.oid = i.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
      CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ordinality)
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      -- Key columns only: schema.prisma cannot express INCLUDE columns (papers_upvotes_idx has one).
      WHERE k.ordinality <= i.indnkeyatts
      GROUP BY t.relname, i.indexrelid, i.indisunique`;

    const tables = new Set(columns.map((column) => column.table_name));
    expect([...tables].sort()).toEqual(models.map((model) => model.table).sort());

    for (const model of models) {
      const actual = columns.filter((column) => column.table_name === model.table);
      expect(actual.map((c) => c.column_name).sort(), `columns of ${model.table}`).toEqual(
        model.columns.map((c) => c.column).sort(),
      );
      for (const expected of model.columns) {
        const column = actual.find((c) => c.column_name === expected.column);
        expect(
          {
            type: column?.udt_name,
            nullable: column?.is_nullable === "YES",
            ...(expected.maxLength ? { maxLength: column?.character_maximum_length } : {}),
          },
          `${model.model}.${expected.field} (${model.table}.${expected.column})`,
        ).toEqual({
          type: expected.udtName,
          nullable: expected.nullable,
          ...(expected.maxLength ? { maxLength: expected.maxLength } : {}),
        });
      }
      const tableIndexes = indexes.filter((index) => index.table_name === model.table);
      for (const unique of model.uniques) {
        expect(
          tableIndexes.some((index) => index.is_unique && index.columns.join() === unique.join()),
          `unique index on ${model.table}(${unique.join(", ")})`,
        ).toBe(true);
      }
      for (const plain of model.indexes) {
        expect(
          tableIndexes.some((index) => index.columns.join() === plain.join()),
          `index on ${model.table}(${plain.join(", ")})`,
        ).toBe(true);
      }
    }
  });

  it("are recorded in Prisma's table with their checksums, and a second run applies nothing", async () => {
    const files = await readMigrations();
    const rows = await db.$queryRaw<{ migration_name: string; checksum: string }[]>`
      SELECT migration_name, checksum FROM _prisma_migrations ORDER BY migration_name`;
    expect(rows).toEqual(files.map((file) => ({ migration_name: file.name, checksum: file.checksum })));
    const url = process.env.DATABASE_URL ?? "";
    expect(await migrate(url)).toEqual({ applied: [], alreadyApplied: files.length });
  });

  it("apply from scratch in order, each in its own transaction", async () => {
    const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? "";
    const url = await recreateDatabase(adminUrl, `daily_papers_test_scratch_${process.env.VITEST_POOL_ID ?? 0}`);
    const result = await migrate(url);
    expect(result.applied).toEqual((await readMigrations()).map((file) => file.name));
  });
});
