import type { DatabaseMemory } from "./data";

/**
 * The README's cache-miss figures at a million papers were measured with PostgreSQL's own cache large
 * enough to hold the catalogue. With Debian's default (shared_buffers 128 MB) each miss reads pages
 * from the kernel's cache or the disk instead, and misses at a million papers took 2-3 times longer
 * (p99 up to ~250 ms). Below this many papers the catalogue fits even the default cache.
 */
export const LARGE_CATALOGUE_PAPERS = 100_000;
/** What to ask for at most: a quarter of RAM is PostgreSQL's own advice, 4 GB held the README's catalogue. */
export const SUGGESTED_SHARED_BUFFERS_MAX = 4 * 1024 ** 3;

const mb = (bytes: number) => `${Math.round(bytes / 1024 ** 2).toLocaleString("en-US")} MB`;

/** shared_buffers to suggest: the catalogue and a half again, within a quarter of RAM and 4 GB. */
export function suggestedSharedBuffers(catalogueBytes: number, totalMemoryBytes: number): number {
  const wanted = Math.min(catalogueBytes * 1.5, totalMemoryBytes / 4, SUGGESTED_SHARED_BUFFERS_MAX);
  return Math.max(128 * 1024 ** 2, Math.ceil(wanted / 1024 ** 3) * 1024 ** 3);
}

/**
 * One line for the start-up log when PostgreSQL's cache is too small for the catalogue, with the fix;
 * null when it is fine (or the catalogue small).
 */
export function databaseMemoryWarning(memory: DatabaseMemory, totalMemoryBytes: number): string | null {
  if (memory.papers < LARGE_CATALOGUE_PAPERS) return null;
  const suggested = suggestedSharedBuffers(memory.catalogueBytes, totalMemoryBytes);
  if (memory.sharedBuffersBytes >= Math.min(memory.catalogueBytes, suggested)) return null;
  return (
    `PostgreSQL's shared_buffers is ${mb(memory.sharedBuffersBytes)} for a catalogue of ${mb(memory.catalogueBytes)} ` +
    `(${memory.papers.toLocaleString("en-US")} papers): pages not kept in memory will be slower than the README's figures. ` +
    `Fix: ALTER SYSTEM SET shared_buffers = '${Math.round(suggested / 1024 ** 2)}MB'; then restart PostgreSQL (README, Deploying).`
  );
}
