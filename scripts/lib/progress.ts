/**
 * A progress line on stderr: "papers  ███████░░░░░  58%  580,000/1,000,000  9,100/s  ETA 46s".
 * Redrawn in place on a terminal; on a pipe (CI logs), printed every 10 %.
 */
export class Progress {
  readonly #label: string;
  readonly #total: number;
  readonly #started = performance.now();
  #done = 0;
  #lastDraw = 0;
  #lastDecile = -1;

  constructor(label: string, total: number) {
    this.#label = label;
    this.#total = Math.max(total, 1);
  }

  add(count: number) {
    this.set(this.#done + count);
  }

  /** Sets how many are done (for callers that count themselves). */
  set(done: number) {
    this.#done = done;
    const now = performance.now();
    if (now - this.#lastDraw > 200 || this.#done >= this.#total) {
      this.#lastDraw = now;
      this.#draw(false);
    }
  }

  finish() {
    this.#draw(true);
  }

  #draw(final: boolean) {
    const fraction = Math.min(this.#done / this.#total, 1);
    const seconds = (performance.now() - this.#started) / 1000;
    const rate = this.#done / Math.max(seconds, 0.001);
    const eta = rate > 0 ? (this.#total - this.#done) / rate : 0;
    const width = 24;
    const filled = Math.round(fraction * width);
    const line =
      `${this.#label.padEnd(12)} ${"█".repeat(filled)}${"░".repeat(width - filled)} ${String(Math.floor(fraction * 100)).padStart(3)}%` +
      `  ${this.#done.toLocaleString("en-US")}/${this.#total.toLocaleString("en-US")}` +
      `  ${Math.round(rate).toLocaleString("en-US")}/s  ${final ? `in ${formatSeconds(seconds)}` : `ETA ${formatSeconds(eta)}`}`;
    if (process.stderr.isTTY) {
      process.stderr.write(`\r${line}\x1b[K${final ? "\n" : ""}`);
      return;
    }
    const decile = Math.floor(fraction * 10);
    if (final || decile > this.#lastDecile) {
      this.#lastDecile = decile;
      process.stderr.write(`${line}\n`);
    }
  }
}

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${String(Math.round(seconds % 60)).padStart(2, "0")}s`;
}

/**
 * Progress bars for work that reports (stage, done, total), as lib/search's embedding and training
 * do: a bar per stage, each finished when the next stage starts (or by finish()).
 */
export function stageProgress() {
  let current: { stage: string; bar: Progress } | null = null;
  return {
    onProgress(stage: string, done: number, total: number) {
      const name = stage.replace(/ \(.*\)$/, "");
      if (current?.stage !== name) {
        current?.bar.finish();
        current = { stage: name, bar: new Progress(name, total) };
      }
      current.bar.set(done);
    },
    finish() {
      current?.bar.finish();
      current = null;
    },
  };
}
