import { mkdtemp, readFile, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveAuthSecret } from "@/lib/runtime/secrets";

describe("NEXTAUTH_SECRET", () => {
  it("uses the configured secret", async () => {
    const secret = "x".repeat(40);
    expect(await resolveAuthSecret({ configured: secret, production: true, embedded: false, dataDir: "/nonexistent" })).toBe(
      secret,
    );
  });

  it("is generated once on a developer machine and kept, private, under DATA_DIR", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "daily-papers-secret-"));
    const first = await resolveAuthSecret({ configured: undefined, production: false, embedded: true, dataDir });
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(await resolveAuthSecret({ configured: undefined, production: true, embedded: true, dataDir })).toBe(first);
    expect((await readFile(path.join(dataDir, "nextauth-secret"), "utf8")).trim()).toBe(first);
    expect((await stat(path.join(dataDir, "nextauth-secret"))).mode & 0o077).toBe(0);
  });

  it("stops a production start on a real database when missing, naming the variable", async () => {
    await expect(
      resolveAuthSecret({ configured: undefined, production: true, embedded: false, dataDir: "/tmp" }),
    ).rejects.toThrow(/NEXTAUTH_SECRET is not set/);
  });
});
