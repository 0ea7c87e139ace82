import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
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

test("database outage: pages kept in memory still served (stale), the rest 503 with Retry-After and the JSON error, one log line, then 200 again without a restart", async () => {
  // The app on an embedded PostgreSQL of its own, which this test stops and starts under traffic.
  const dataDir = path.join(root, ".data/e2e-outage");
  const app = await npmStart({ DATABASE_URL: "", DATA_DIR: dataDir, WEB_CONCURRENCY: "1" });
  const pid = app.npm.pid ?? 0;
  try {
    expect((await fetch(`${app.url}/`)).status).toBe(200);
    // Kept in memory (one web process here, so that it is the one asked again).
    await expect.poll(async () => (await fetch(`${app.url}/papers/2307.04990`)).headers.get("x-page-cache")).toBe("HIT");
    const port = await stopEmbeddedServer(dataDir);
    const outage = Date.now();
    const statuses: number[] = [];
    // Traffic during the outage: pages, the API, a feed, none of them kept in memory (each address a
    // new one: an unknown query parameter on a page would only redirect to the page kept).
    for (let i = 0; i < 20; i++) {
      const day = String(i + 1).padStart(2, "0");
      for (const url of [
        `/authors/Outage%20${i}`,
        `/papers/date/2026-03-${day}`,
        `/api/daily_papers?p=${i}`,
        `/feeds/search.xml?q=outage${i}`,
      ]) {
        const response = await fetch(`${app.url}${url}`);
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
    // A page kept in memory is still served, marked stale.
    for (let i = 0; i < 4; i++) {
      const kept = await fetch(`${app.url}/papers/2307.04990`);
      expect(kept.status).toBe(200);
      expect(kept.headers.get("x-page-cache")).toBe("STALE");
      expect(await kept.text()).toContain("Monotone deep Boltzmann machines");
    }
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
    expect((await fetch(`${app.url}/api/health/ready`)).status).toBe(503);

    await startEmbeddedServer(dataDir, port);
    const deadline = Date.now() + 15_000;
    let status = 0;
    while (Date.now() < deadline) {
      // A page not kept in memory: 200 only once the database answers again.
      status = (await fetch(`${app.url}/papers/date/2026-04-01`)).status;
      if (status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe(200);
    expect((await fetch(`${app.url}/api/health/ready`)).status).toBe(200);
    await expect.poll(() => app.output(), { timeout: 10_000 }).toMatch(/database reachable again/);
    // One line per process when the database goes, one when it is back: not one per failed request.
    const lines = app.output().split("\n");
    expect(lines.filter((line) => /database unavailable/.test(line)).length).toBeLessThanOrEqual(2);
    expect(lines.filter((line) => /database reachable again/.test(line)).length).toBeGreaterThanOrEqual(1);
    expect(lines.length, app.output()).toBeLessThan(60);
    // Renders that failed as the database went (before the server noticed) are one line each, no stack.
    expect(app.output()).not.toMatch(/^\s+at /m);
  } finally {
    process.kill(pid, "SIGTERM");
    if (!(await waitGone(pid, 30_000))) process.kill(-pid, "SIGKILL");
  }
});

/** The processes of a group, with their parents and command lines. */
function processesOf(group: number): { pid: number; ppid: number; args: string }[] {
  const listing = execFileSync("ps", ["-eo", "pid=,ppid=,pgid=,args="], { encoding: "utf8" });
  return listing
    .split("\n")
    .map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/))
    .filter((match): match is RegExpMatchArray => match !== null && Number(match[3]) === group)
    .map((match) => ({ pid: Number(match[1]), ppid: Number(match[2]), args: match[4] ?? "" }));
}

/** start.ts, the web server's primary (its child) and the primary's workers (children of that). */
function tree(group: number) {
  const all = processesOf(group);
  const start = all.find((p) => p.args.includes("scripts/start.ts") && !p.args.startsWith("sh "));
  const primary = all.find((p) => p.ppid === start?.pid && p.args.includes("scripts/server.ts"));
  const children = all.filter((p) => p.ppid === primary?.pid && p.args.includes("scripts/server.ts"));
  return { start, primary, children };
}

const postmasterRunning = (dataDir: string) => existsSync(path.join(dataDir, "postgres", "postmaster.pid"));

test("kill -9 of the web primary (worker on, embedded database): the tree exits non-zero at once, the database stopped", async () => {
  const dataDir = path.join(root, ".data/e2e-primary-killed");
  const app = await npmStart({ DATABASE_URL: "", DATA_DIR: dataDir, RUN_WORKER: "true" });
  const pid = app.npm.pid ?? 0;
  try {
    await expect.poll(() => app.output(), { timeout: 60_000 }).toMatch(/digest worker .* started/);
    const { primary } = tree(pid);
    expect(primary, app.output()).toBeDefined();
    const exited = new Promise<number | null>((resolve) => app.npm.on("exit", (code) => resolve(code)));
    const killed = Date.now();
    process.kill(primary?.pid ?? 0, "SIGKILL");
    // A supervisor sees the failure in seconds, and restarts the app on a free port and a stopped database.
    expect(await exited).not.toBe(0);
    expect(Date.now() - killed).toBeLessThan(15_000);
    expect(await waitGone(pid, 10_000), app.output()).toBe(true);
    expect(postmasterRunning(dataDir), app.output()).toBe(false);
    expect(app.output()).toMatch(/web server exited \(SIGKILL\)/);
  } finally {
    if (groupAlive(pid)) process.kill(-pid, "SIGKILL");
  }
});

test("kill -9 of start.ts, which runs the worker: the web server follows it down, no process is left serving", async () => {
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? "";
  const databaseUrl = await recreateDatabase(adminUrl, `${TEST_DATABASE_PREFIX}_e2e_worker_killed`, TEMPLATE_DATABASE);
  const app = await npmStart({
    DATABASE_URL: databaseUrl,
    DATA_DIR: path.join(root, ".data/e2e-worker-killed"),
    RUN_WORKER: "true",
  });
  const pid = app.npm.pid ?? 0;
  try {
    await expect.poll(() => app.output(), { timeout: 60_000 }).toMatch(/digest worker .* started/);
    const { start } = tree(pid);
    expect(start, app.output()).toBeDefined();
    process.kill(start?.pid ?? 0, "SIGKILL");
    // npm sees its child killed and exits non-zero; the web processes notice and stop within seconds.
    expect(await waitGone(pid, 15_000), app.output()).toBe(true);
    expect(
      await fetch(`${app.url}/api/health`).then(
        () => "answered",
        () => "closed",
      ),
    ).toBe("closed");
  } finally {
    if (groupAlive(pid)) process.kill(-pid, "SIGKILL");
  }
});

test("kill -9 of a web child: another takes its place and says it is ready; the app keeps answering", async () => {
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? "";
  const databaseUrl = await recreateDatabase(adminUrl, `${TEST_DATABASE_PREFIX}_e2e_child`, TEMPLATE_DATABASE);
  const app = await npmStart({ DATABASE_URL: databaseUrl, DATA_DIR: path.join(root, ".data/e2e-child") });
  const pid = app.npm.pid ?? 0;
  try {
    const { children } = tree(pid);
    expect(children, app.output()).toHaveLength(2);
    process.kill(children[0]?.pid ?? 0, "SIGKILL");
    await expect.poll(() => app.output(), { timeout: 60_000 }).toMatch(/worker \d+ exited \(SIGKILL\); starting another/);
    await expect.poll(() => app.output(), { timeout: 60_000 }).toMatch(/worker \d+ is ready \(replacing one that exited\)/);
    expect(tree(pid).children).toHaveLength(2);
    expect((await fetch(`${app.url}/api/health/ready`)).status).toBe(200);
    expect(app.npm.exitCode).toBeNull();
  } finally {
    process.kill(pid, "SIGTERM");
    if (!(await waitGone(pid, 30_000))) process.kill(-pid, "SIGKILL");
  }
});

test("what an operator watches: request ids, an access log, Prometheus metrics on a private port, the worker's health", async () => {
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? "";
  const databaseUrl = await recreateDatabase(adminUrl, `${TEST_DATABASE_PREFIX}_e2e_metrics`, TEMPLATE_DATABASE);
  const metricsPort = await freePort();
  const app = await npmStart({
    DATABASE_URL: databaseUrl,
    DATA_DIR: path.join(root, ".data/e2e-metrics"),
    METRICS_PORT: String(metricsPort),
    ACCESS_LOG: "true",
    RUN_WORKER: "true",
  });
  const pid = app.npm.pid ?? 0;
  try {
    // Ours, or the proxy's when it looks like an id (never a header injection).
    const ours = await fetch(`${app.url}/papers/2307.04990`);
    expect(ours.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await fetch(`${app.url}/papers/2307.04990`, { headers: { "x-request-id": "edge-42.abc" } });
    expect(kept.headers.get("x-request-id")).toBe("edge-42.abc");
    const refused = await fetch(`${app.url}/`, { headers: { "x-request-id": "<script>" } });
    expect(refused.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    for (let i = 0; i < 10; i++) await fetch(`${app.url}/api/daily_papers?date=2026-04-${20 + i}`);
    // A page answered from memory (once the process that answers has kept it).
    await expect.poll(async () => (await fetch(`${app.url}/`)).headers.get("x-page-cache"), { timeout: 20_000 }).toBe("HIT");

    // One line per request, with its time, level, id, method, path, status and duration.
    await expect
      .poll(() => app.output(), { timeout: 10_000 })
      .toMatch(
        /^\d{4}-\d\d-\d\dT[\d:.]+Z info {2}\[web \d\] request id=edge-42\.abc method=GET path=\/papers\/2307\.04990 status=200 ms=[\d.]+/m,
      );

    // The worker says it is alive.
    await expect.poll(async () => (await fetch(`${app.url}/api/health/worker`)).status, { timeout: 60_000 }).toBe(200);
    expect(await (await fetch(`${app.url}/api/health/ready`)).json()).toMatchObject({ status: "ready", worker: "up" });

    // Metrics: not on the public port; on the private one, summed over both web processes.
    expect((await fetch(`${app.url}/metrics`)).status).toBe(404);
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const total = (pattern: RegExp) => [...text.matchAll(pattern)].reduce((sum, match) => sum + Number(match[1]), 0);
    expect(total(/^daily_papers_http_requests_total\{route="\/api\/:name",method="GET",status="200"\} (\d+)/gm)).toBe(10);
    expect(total(/^daily_papers_http_requests_total\{route="\/papers\/:id",method="GET",status="200"\} (\d+)/gm)).toBe(2);
    expect(text).toMatch(/^daily_papers_http_request_duration_seconds_bucket\{/m);
    expect(text).toMatch(/^daily_papers_page_cache_requests_total\{outcome="HIT"\} [1-9]/m);
    expect(text).toMatch(/^daily_papers_page_cache_bytes [1-9]/m);
    // The web processes' database pools: connections open after the pages above were rendered.
    expect(text).toMatch(/^daily_papers_db_pool_connections\{pool="main",state="total"\} [1-9]/m);
    expect(text).toMatch(/^daily_papers_db_pool_connections\{pool="main",state="waiting"\} 0$/m);
    expect(text).toMatch(/^daily_papers_database_up 1$/m);
    expect(text).toMatch(/^daily_papers_worker_heartbeat_age_seconds \d/m);
    expect(text).toMatch(/^daily_papers_papers\{what="count"\} \d/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);

    // A page whose render fails (its table gone): one error line with the request's id, method and
    // path, and no stack (Next.js printed ~20 lines of one).
    const database = new pg.Client({ connectionString: databaseUrl });
    await database.connect();
    await database.query("ALTER TABLE papers RENAME TO papers_gone");
    try {
      const failed = await fetch(`${app.url}/papers/date/2026-04-07`, { headers: { "x-request-id": "render-fails-1" } });
      expect(failed.status).toBe(500);
      await expect
        .poll(() => app.output(), { timeout: 10_000 })
        .toMatch(/^\S+ error \[web \d\] .*id=render-fails-1 method=GET path=\/papers\/date\/2026-04-07 error=".*papers.*" /m);
      expect(app.output()).not.toMatch(/^\s+at /m);
    } finally {
      await database.query("ALTER TABLE papers_gone RENAME TO papers");
      await database.end();
    }
  } finally {
    process.kill(pid, "SIGTERM");
    if (!(await waitGone(pid, 30_000))) process.kill(-pid, "SIGKILL");
  }
});
