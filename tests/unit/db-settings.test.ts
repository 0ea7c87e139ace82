import { describe, expect, it } from "vitest";
import { databaseMemoryWarning, suggestedSharedBuffers } from "@/lib/health/db-settings";

const GB = 1024 ** 3;
const MB = 1024 ** 2;

describe("the start-up check of PostgreSQL's cache", () => {
  it("warns, with the fix, when a large catalogue does not fit shared_buffers (Debian's default at a million papers)", () => {
    const warning = databaseMemoryWarning({ sharedBuffersBytes: 128 * MB, catalogueBytes: 4.9 * GB, papers: 1_000_000 }, 24 * GB);
    expect(warning).toMatch(/shared_buffers is 128 MB for a catalogue of 5,018 MB \(1,000,000 papers\)/);
    expect(warning).toContain("ALTER SYSTEM SET shared_buffers = '4096MB'; then restart PostgreSQL");
    expect(warning?.split("\n")).toHaveLength(1);
  });

  it("is quiet for a small catalogue, and for a cache that holds the catalogue or what can be asked", () => {
    expect(databaseMemoryWarning({ sharedBuffersBytes: 128 * MB, catalogueBytes: 40 * MB, papers: 9_577 }, 24 * GB)).toBeNull();
    expect(
      databaseMemoryWarning({ sharedBuffersBytes: 4 * GB, catalogueBytes: 4.9 * GB, papers: 1_000_000 }, 24 * GB),
    ).toBeNull();
    expect(databaseMemoryWarning({ sharedBuffersBytes: 2 * GB, catalogueBytes: 1.5 * GB, papers: 300_000 }, 24 * GB)).toBeNull();
  });

  it("asks for a quarter of RAM at most", () => {
    expect(suggestedSharedBuffers(4.9 * GB, 8 * GB)).toBe(2 * GB);
    expect(suggestedSharedBuffers(4.9 * GB, 64 * GB)).toBe(4 * GB);
  });
});
