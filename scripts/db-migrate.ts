import { runScript } from "./lib/cli";

// openDatabase() migrates; this script exists so that it can be run on its own (e.g. before a deploy).
await runScript({
  usage: `Usage: npm run db:migrate

Applies the SQL migrations in prisma/migrations/ that the database has not seen yet, each in one
transaction, and records them in _prisma_migrations. Uses DATABASE_URL, or the embedded PostgreSQL
under DATA_DIR when it is unset.`,
  main: async ({ database }) => {
    console.log(`Database is up to date (${database.embedded ? "embedded" : "DATABASE_URL"}).`);
    return 0;
  },
});
