import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { startEmbeddedServer, stopEmbeddedServer } from "../../lib/runtime/embedded-postgres";
import { freePort } from "../../lib/runtime/ports";
import { recreateDatabase, TEMPLATE_DATABASE, TEST_DATABASE_PREFIX } from "../support/test-databases";

/**
 * The app's life as an operator sees it: `npm start` itself (npm -> sh -> start.ts -> the web server
 * and its workers), stopped by a supervisor, and its database going away and coming back.
 */
test.describe.configure({ mode: "serial", timeout: 240_000 });

const root = path.resolve(import.meta.dirname, "../..");

interface Started {
  npm: ChildProcess;
  url: string;
  output: () => string;
}

/** `npm start` in a process group of its own, as a supervisor runs it; ready when it answers. */
async function npmStart(env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const npm = spawn("npm", ["start"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PORT: String(port), APP_URL: url, RUN_WORKER: "false", WEB_CONCURRENCY: "2", ...env },
  });
  let output = "";
  npm.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  npm.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const deadline = Date.now() + 180_000;
  for (;;) {
    const ok = await fetch(`${url}/api/health/ready`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) return { npm, url, output: () => output };
    if (npm.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not get ready:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const groupAlive = (pid: number) => {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitGone(pid: number, ms: number) {
  const deadline = Date.now() + ms;
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  return !groupAlive(pid);
}

test("SIGTERM to the npm process alone: a request in flight finishes, then every process of the tree exits", async () => {
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? "";
  const databaseUrl = await recreateDatabase(adminUrl, `${TEST_DATABASE_PREFIX}_e2e_lifecycle`, TEMPLATE_DATABASE);
  const app = await npmStart({ DATABASE_URL: databaseUrl, DATA_DIR: path.join(root, ".data/e2e-lifecycle") });
  const pid = app.npm.pid ?? 0;
  const locker = new pg.Client({ connectionString: databaseUrl });
  await locker.connect();
  try {
    // A request that is still being answered when the signal comes: its query waits on this lock.
    await locker.query("BEGIN");
    await locker.query("LOCK TABLE papers IN ACCESS EXCLUSIVE MODE");
    const inFlight = fetch(`${app.url}/papers/2307.04990`).then(async (response) => ({
      status: response.status,
      body: await response.text(),
    }));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    process.kill(pid, "SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await locker.query("COMMIT");
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.body).toContain("Monotone deep Boltzmann machines");
    expect(await waitGone(pid, 20_000), `still running:\n${app.output()}`).toBe(true);
  } finally {
    await locker.end().catch(() => {});
    if (groupAlive(pid)) process.kill(-pid, "SIGKILL");
  }
});

test("database outage: 503 with Retry-After and the JSON error, one log line, then 200 again without a restart", async () => {
  // The app on an embedded PostgreSQL of its own, which this test stops and starts under traffic.
  const dataDir = path.join(root, ".data/e2e-outage");
  const app = await npmStart({ DATABASE_URL: "", DATA_DIR: dataDir });
  const pid = app.npm.pid ?? 0;
  try {
    expect((await fetch(`${app.url}/`)).status).toBe(200);
    const port = await stopEmbeddedServer(dataDir);
    const outage = Date.now();
    const statuses: number[] = [];
    // Traffic during the outage: pages, the API, a feed.
    for (let i = 0; i < 20; i++) {
      for (const url of ["/", "/papers/2307.04990", "/api/daily_papers", "/feeds/daily.xml"]) {
        const response = await fetch(`${app.url}${url}?outage=${i}`);
        statuses.push(response.status);
        if (Date.now() - outage > 1_500) {
          expect(response.status, url).toBe(503);
          expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
          if (url.startsWith("/api/") || url.startsWith("/feeds/")) {
            expect(await response.json()).toEqual({ error: { status: 503, message: expect.stringMatching(/database/i) } });
          } else {
            expect(await response.text()).toMatch(/database is unavailable/i);
          }
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(statuses).not.toContain(500);
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
    expect((await fetch(`${app.url}/api/health/ready`)).status).toBe(503);

    await startEmbeddedServer(dataDir, port);
    const deadline = Date.now() + 15_000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await fetch(`${app.url}/papers/2307.04990`)).status;
      if (status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe(200);
    expect((await fetch(`${app.url}/api/health/ready`)).status).toBe(200);
    // One line per process when the database goes, one when it is back: not one per failed request.
    const lines = app.output().split("\n");
    expect(lines.filter((line) => /database unavailable/.test(line)).length).toBeLessThanOrEqual(2);
    expect(lines.filter((line) => /database reachable again/.test(line)).length).toBeGreaterThanOrEqual(1);
    expect(lines.length, app.output()).toBeLessThan(60);
  } finally {
    process.kill(pid, "SIGTERM");
    if (!(await waitGone(pid, 30_000))) process.kill(-pid, "SIGKILL");
  }
});
