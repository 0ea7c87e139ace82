import { defineConfig } from "prisma/config";

// Prisma 7 reads the URL from here, not from schema.prisma. It must not throw when DATABASE_URL is
// unset: `prisma generate` runs at install time, before any database exists.
const url = process.env.DATABASE_URL;

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  ...(url ? { datasource: { url } } : {}),
});
