/**
 * Fixed-window hit counters in memory: what read endpoints are limited with, so that reading writes
 * nothing to the database. One instance per machine (the cluster's primary process holds it; see
 * lib/rate-limit/shared-counter.ts); a deployment on several machines limits per machine.
 */
export class WindowCounter {
  readonly #windows = new Map<string, { windowStart: number; hits: number }>();
  #lastSweep = 0;

  /** Counts one hit for `key` in the window of `windowMs` holding `now`; answers the hits so far and when the window began. */
  hit(key: string, windowMs: number, now: number): { hits: number; windowStart: number } {
    const windowStart = Math.floor(now / windowMs) * windowMs;
    const current = this.#windows.get(key);
    const counter = current && current.windowStart === windowStart ? current : { windowStart, hits: 0 };
    counter.hits += 1;
    this.#windows.set(key, counter);
    if (now - this.#lastSweep > windowMs) this.#sweep(now, windowMs);
    return { hits: counter.hits, windowStart };
  }

  get size(): number {
    return this.#windows.size;
  }

  /** Counters of past windows are dropped now and then, so memory follows the active clients only. */
  #sweep(now: number, windowMs: number) {
    this.#lastSweep = now;
    for (const [key, counter] of this.#windows) {
      if (counter.windowStart + windowMs <= now - windowMs) this.#windows.delete(key);
    }
  }
}
