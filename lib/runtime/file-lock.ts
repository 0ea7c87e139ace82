import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";

const LOCK_POLL_MS = 100;
const LOCK_TIMEOUT_MS = 120_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * A lock between processes on this machine: a directory created atomically with mkdir, holding the
 * owner's pid. A lock whose owner died (crash, kill -9) is taken over instead of blocking forever.
 */
export async function withFileLock<T>(lockDir: string, fn: () => Promise<T>): Promise<T> {
  const ownerFile = path.join(lockDir, "owner");
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  await mkdir(path.dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      await mkdir(lockDir);
      await writeFile(ownerFile, String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number.parseInt(await readFile(ownerFile, "utf8").catch(() => ""), 10);
      if (Number.isInteger(owner) && !isAlive(owner)) {
        await rm(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`Timed out waiting for the lock ${lockDir} (held by pid ${owner || "unknown"}).`);
      }
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

export { isAlive };
