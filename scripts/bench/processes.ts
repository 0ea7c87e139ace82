import { type ChildProcess, fork, spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { freePort } from "@/lib/runtime/ports";

const HERE = import.meta.dirname;

/** A helper process of the bench (bare server, SMTP sink) that reports its port over IPC once listening. */
export async function startHelper(script: string, args: string[] = []): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(path.join(HERE, script), args, {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const [message] = (await once(child, "message")) as [{ port: number }];
  return { child, port: message.port };
}

/** Sends a message to a helper and waits for its answer. */
export async function ask<T>(child: ChildProcess, message: object): Promise<T> {
  const answer = once(child, "message");
  child.send(message);
  return ((await answer) as [T])[0];
}

export async function stopChild(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill(signal);
  await exited;
}

export interface AppServer {
  url: string;
  origin: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * The app's production server, started exactly as `npm start` starts it (scripts/start.ts: build if
 * stale, migrate, serve), in `appDir` (this checkout, or another one to compare with), on the bench
 * database, without the digest worker (the digest is measured on its own).
 */
export async function startApp(options: {
  appDir: string;
  databaseUrl: string;
  env?: Record<string, string>;
  log: (line: string) => void;
}): Promise<AppServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], {
    cwd: options.appDir,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: options.databaseUrl,
      PORT: String(port),
      APP_URL: origin,
      NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret-0123456789",
      SEED_ON_EMPTY: "false",
      RUN_WORKER: "false",
      NEXT_TELEMETRY_DISABLED: "1",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited while starting:\n${output}`);
    const ok = await fetch(`${origin}/`, { signal: AbortSignal.timeout(60_000) })
      .then((response) => response.status < 500)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`the app did not answer within 10 minutes:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  options.log(`App ready at ${origin} (${options.appDir})`);
  return {
    url: origin,
    origin,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, "exit");
      if (child.pid) process.kill(-child.pid, "SIGTERM");
      await exited;
    },
  };
}

/** URLs never measured, asked a few times each, to get every route's code compiled and its connections open. */
const WARM_UP_ROUNDS = 15;

/**
 * A server that has been running has its code compiled (JIT) and its database connections open; a
 * fresh one pays for both on its first requests. Each section warms its server on addresses it does
 * not measure (their own query strings), so a "cache miss" figure is a miss, not a cold start.
 */
export async function warmUp(origin: string, sample: { arxivIds: string[]; latestDay: string }) {
  const paper = sample.arxivIds.at(-1) ?? "";
  for (let i = 0; i < WARM_UP_ROUNDS; i++) {
    await Promise.all(
      [
        `/?_warm=${i}`,
        `/papers/date/${sample.latestDay}?_warm=${i}`,
        `/papers/${paper}?_warm=${i}`,
        `/papers/trending?_warm=${i}`,
        `/papers?q=warm${i}`,
        `/api/papers/search?q=warm${i}`,
        `/feeds/daily.xml?_warm=${i}`,
      ].map((path) => fetch(`${origin}${path}`).then((response) => response.arrayBuffer())),
    );
  }
}
