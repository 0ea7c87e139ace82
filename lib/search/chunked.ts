const CHUNK_BITS = 20;
const CHUNK = 1 << CHUNK_BITS;

type Numbers = Int32Array | Float32Array;

/**
 * Numbers appended in chunks of a million (no copy as they grow), copied out at their exact length:
 * what a million papers' read keeps of each row (lib/search/title-index.ts, held-ranks.ts), without
 * a JavaScript array that doubles as it grows and leaves its garbage to a full collection.
 */
export class Chunked<T extends Numbers> {
  private readonly chunks: T[] = [];
  length = 0;
  constructor(private readonly make: (length: number) => T) {}

  push(value: number) {
    const chunk = this.length >>> CHUNK_BITS;
    if (chunk === this.chunks.length) this.chunks.push(this.make(CHUNK));
    (this.chunks[chunk] as T)[this.length & (CHUNK - 1)] = value;
    this.length += 1;
  }

  at(index: number): number {
    return (this.chunks[index >>> CHUNK_BITS] as T)[index & (CHUNK - 1)] as number;
  }

  toArray(): T {
    const out = this.make(this.length);
    this.chunks.forEach((chunk, i) => {
      out.set(chunk.subarray(0, Math.min(CHUNK, this.length - i * CHUNK)), i * CHUNK);
    });
    return out;
  }
}

export const int32s = () => new Chunked((length) => new Int32Array(length));
export const float32s = () => new Chunked((length) => new Float32Array(length));
