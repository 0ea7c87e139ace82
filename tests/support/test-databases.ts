import pg from "pg";

/**
 * Test databases live on the same server as the app's (embedded, or the one DATABASE_URL names) but
 * are never the app's database: a migrated template, copied per vitest worker and for the e2e server.
 */
export const TEST_DATABASE_PREFIX = "daily_papers_test";
export const TEMPLATE_DATABASE = `${TEST_DATABASE_PREFIX}_template`;

export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function recreateDatabase(adminUrl: string, name: string, template?: string): Promise<string> {
  await withAdmin(adminUrl, async (client) => {
    const id = client.escapeIdentifier(name);
    await client.query(`DROP DATABASE IF EXISTS ${id} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${id}${template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : ""}`);
  });
  return databaseUrl(adminUrl, name);
}

export async function dropTestDatabases(adminUrl: string): Promise<void> {
  await withAdmin(adminUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [
      `${TEST_DATABASE_PREFIX}%`,
    ]);
    // The template last, so that no copy is being made from it while it is dropped.
    rows.sort((a, b) => Number(a.datname === TEMPLATE_DATABASE) - Number(b.datname === TEMPLATE_DATABASE));
    for (const row of rows) await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(row.datname)} WITH (FORCE)`);
  });
}
