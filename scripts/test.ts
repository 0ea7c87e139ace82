import { spawn } from "node:child_process";
import { parseArgs } from "node:util";
import { openDatabase } from "@/lib/runtime/database";
import { migrate } from "@/lib/runtime/migrate";
import { freePort } from "@/lib/runtime/ports";
import { dropTestDatabases, recreateDatabase, TEMPLATE_DATABASE, TEST_DATABASE_PREFIX } from "../tests/support/test-databases";
import { build, buildIsStale, ROOT } from "./lib/next-build";

const USAGE = `Usage: npm test [-- [--only unit|integration|e2e] [--keep] [file filters] [-- runner flags]]

Runs every test tier against real services: unit tests (vitest, TZ=Asia/Kathmandu), integration tests
(vitest against PostgreSQL), end-to-end tests (Playwright in Chromium against a production build).
The database server is DATABASE_URL's, or the embedded one under DATA_DIR when it is unset; tests use
their own databases (${TEST_DATABASE_PREFIX}_*) on it and never touch the app's.

  --only TIER   run one tier (repeatable)
  --keep        keep the test databases afterwards, for debugging`;

const { values, positionals } = parseArgs({
  options: { only: { type: "string", multiple: true }, keep: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  allowPositionals: true,
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const tiers = values.only?.length ? values.only : ["unit", "integration", "e2e"];
for (const tier of tiers) {
  if (!["unit", "integration", "e2e"].includes(tier)) {
    console.error(`Unknown tier "${tier}".\n\n${USAGE}`);
    process.exit(2);
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [command, ...args], { cwd: ROOT, env, stdio: "inherit" });
    child.on("close", (code) => resolve(code ?? 1));
  });
}

const log = (message: string) => console.log(`[test] ${message}`);
const database = await openDatabase({ migrate: false, log });
let failed = false;
try {
  const adminUrl = database.url;
  const templateUrl = await recreateDatabase(adminUrl, TEMPLATE_DATABASE);
  await migrate(templateUrl);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    TEST_DATABASE_ADMIN_URL: adminUrl,
    TEST_DATABASE_TEMPLATE: TEMPLATE_DATABASE,
  };
  delete env.DATABASE_URL; // each tier picks its own test database
  const vitest = "node_modules/vitest/vitest.mjs";
  const vitestTiers = tiers.filter((tier) => tier !== "e2e");
  if (vitestTiers.length > 0) {
    const code = await run(
      vitest,
      ["run", "--config", "tests/vitest.config.ts", ...vitestTiers.flatMap((t) => ["--project", t]), ...positionals],
      env,
    );
    failed ||= code !== 0;
  }
  if (tiers.includes("e2e")) {
    const e2eUrl = await recreateDatabase(adminUrl, `${TEST_DATABASE_PREFIX}_e2e`, TEMPLATE_DATABASE);
    // The second app server (no SMTP, as on a fresh clone) has a database of its own, so that what its
    // tests change (a submitted paper on today's feed) cannot change what the other tests see.
    const outboxUrl = await recreateDatabase(adminUrl, `${TEST_DATABASE_PREFIX}_e2e_outbox`, TEMPLATE_DATABASE);
    // Built once here: Playwright starts two app servers, which must not both decide to build.
    if (await buildIsStale()) {
      log("Building the app for the end-to-end tests...");
      await build({ ...env, NODE_ENV: "production" });
    }
    const code = await run(
      "node_modules/@playwright/test/cli.js",
      ["test", "--config", "tests/playwright.config.ts", ...positionals],
      {
        ...env,
        E2E_DATABASE_URL: e2eUrl,
        E2E_OUTBOX_DATABASE_URL: outboxUrl,
        E2E_PORT: String(await freePort()),
        E2E_OUTBOX_PORT: String(await freePort()),
        MAIL_CATCHER_SMTP_PORT: String(await freePort()),
        MAIL_CATCHER_HTTP_PORT: String(await freePort()),
        FAKE_ARXIV_PORT: String(await freePort()),
      },
    );
    failed ||= code !== 0;
  }
  if (!values.keep) await dropTestDatabases(adminUrl);
} catch (error) {
  console.error(`Error: ${(error as Error).message}`);
  failed = true;
} finally {
  await database.release();
}
process.exit(failed ? 1 : 0);
