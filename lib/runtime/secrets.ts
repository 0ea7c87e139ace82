import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * NEXTAUTH_SECRET signs sessions and hashes sign-in tokens. A production deployment on a real database
 * must set it (a generated one would differ per machine and log everyone out on redeploys); anywhere
 * else one is generated once and kept under DATA_DIR, so a fresh clone signs in with no setup.
 */
export async function resolveAuthSecret(options: {
  configured: string | undefined;
  production: boolean;
  embedded: boolean;
  dataDir: string;
}): Promise<string> {
  if (options.configured) return options.configured;
  if (options.production && !options.embedded) {
    throw new Error(
      "NEXTAUTH_SECRET is not set. With NODE_ENV=production and DATABASE_URL, set it to a long random value " +
        "(for example `openssl rand -base64 32`); see .env.example.",
    );
  }
  return secretInDataDir(options.dataDir, "nextauth-secret");
}

/**
 * The key that opens the operator's pages (lib/auth/operator.ts): OPERATOR_KEY, or one generated once
 * and kept under DATA_DIR (readable by the account that runs the app only).
 */
export async function resolveOperatorKey(options: { configured: string | undefined; dataDir: string }): Promise<string> {
  return options.configured ?? secretInDataDir(options.dataDir, "operator-key");
}

async function secretInDataDir(dataDir: string, name: string): Promise<string> {
  const file = path.resolve(dataDir, name);
  const existing = (await readFile(file, "utf8").catch(() => "")).trim();
  if (existing.length >= 32) return existing;
  const secret = randomBytes(32).toString("base64url");
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
