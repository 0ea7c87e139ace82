import { spawn } from "node:child_process";
import { readdir, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
const BUILD_ID = path.join(ROOT, ".next", "BUILD_ID");
/** What a production build is made from: when any of it is newer than the build, `npm start` rebuilds. */
const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "next.config.ts",
  "postcss.config.mjs",
  "package-lock.json",
  "tsconfig.json",
];
const IGNORED = new Set(["node_modules", "generated", ".next"]);

export const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

async function newestMtime(target: string): Promise<number> {
  const info = await stat(target).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(target);
  const times = await Promise.all(
    entries.filter((name) => !IGNORED.has(name)).map((name) => newestMtime(path.join(target, name))),
  );
  return Math.max(info.mtimeMs, ...times);
}

export async function buildIsStale(): Promise<boolean> {
  const built = await stat(BUILD_ID).catch(() => null);
  if (!built) return true;
  const inputs = await Promise.all(BUILD_INPUTS.map((input) => newestMtime(path.join(ROOT, input))));
  return Math.max(...inputs) > built.mtimeMs;
}

export function runNext(args: string[], env: NodeJS.ProcessEnv) {
  return spawn(process.execPath, [nextBin, ...args], { cwd: ROOT, env, stdio: "inherit" });
}

/**
 * A larger young generation for the web server: rendering a page allocates a lot of short-lived
 * objects, and with Node's default (16 MB) the collector runs far more often (measured on a feed
 * page: 20 -> 18 ms of CPU a render). The react-server condition, as every script of ours runs with:
 * our server answers some requests with lib/ code itself (server-only modules); Next.js picks its
 * own React for each layer regardless.
 */
const SERVER_NODE_FLAGS = ["--max-semi-space-size=64", "--conditions=react-server"];

/** Our web server (scripts/server.ts): Next.js behind a Node http server that sets the client address. */
export function runServer(args: string[], env: NodeJS.ProcessEnv) {
  return spawn(process.execPath, [...SERVER_NODE_FLAGS, "--import", "tsx", path.join(ROOT, "scripts/server.ts"), ...args], {
    cwd: ROOT,
    env,
    stdio: "inherit",
  });
}

/**
 * `next build`, quietly: its ~50-line route table and Turbopack's notes ("Package nodemailer can't be
 * external", which reads like an error and is not one) are kept back, and printed only when the build
 * fails, so a first start says what it does (building, migrating, seeding, ready) and nothing else.
 * Resolves with the seconds it took.
 */
export async function build(env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [nextBin, "build"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const output: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => output.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => output.push(chunk));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0) {
    process.stderr.write(Buffer.concat(output));
    throw new Error(`next build failed (exit code ${code}); its output is above.`);
  }
  return (performance.now() - started) / 1000;
}
