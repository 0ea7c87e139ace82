import { dotPacked, vectorBytes } from "./model";
import { SCAN_WASM_BASE64 } from "./scan-wasm";

/**
 * Scoring a query against packed IVF lists (lib/search/vectors/data.ts: per paper a big-endian int32
 * id, a float32 scale and `dims` signed bytes). A search at a million papers scores ~25,000 vectors,
 * twice (the feedback pass): in JavaScript, a multiply-add per dimension, ~3.7 ms a scan, the largest
 * share of a search's CPU in the web process. In WebAssembly with 128-bit SIMD (lib/search/scan.wat:
 * eight dimensions per step), the list copied into its memory included, ~0.6 ms. Where WebAssembly
 * SIMD is missing, or the dimensions are not a multiple of eight, the JavaScript loop scores.
 *
 * The query is rounded to int16 (32767 for its largest component): the scores move by ~1e-4 at most,
 * a twentieth of what storing the vectors as bytes moves them.
 */

const QUERY_SCALE = 32_767;
const PAGE_BYTES = 65_536;

interface Scanner {
  memory: WebAssembly.Memory;
  scan: (query: number, data: number, count: number, entry: number, dims: number, factor: number, out: number) => void;
}

let scanner: Scanner | null | undefined;

function loadScanner(): Scanner | null {
  if (scanner !== undefined) return scanner;
  try {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(SCAN_WASM_BASE64, "base64")));
    scanner = instance.exports as unknown as Scanner;
  } catch {
    // No SIMD in this runtime: the JavaScript loop scores.
    scanner = null;
  }
  return scanner;
}

/** Whether this runtime scores in WebAssembly (SIMD). */
export const scansWithSimd = () => loadScanner() !== null;

const align16 = (bytes: number) => Math.ceil(bytes / 16) * 16;

/** Scores the entries of packed lists against one query: `score(packed)` answers one score per entry. */
export interface ListScorer {
  /** The scores of `packed`'s entries, in order (a view valid until the next call of any scorer). */
  score(packed: Uint8Array): Float32Array;
}

export function listScorer(query: Float32Array, options: { simd?: boolean } = {}): ListScorer {
  const dims = query.length;
  // A packed entry: the paper's id, then its stored vector (lib/search/vectors/data.ts packedEntryBytes).
  const entry = 4 + vectorBytes(dims);
  const wasm = options.simd !== false && dims > 0 && dims % 8 === 0 ? loadScanner() : null;
  if (!wasm) {
    return {
      score(packed) {
        const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
        const signed = new Int8Array(packed.buffer, packed.byteOffset, packed.byteLength);
        const scores = new Float32Array(Math.floor(packed.length / entry));
        for (let i = 0; i < scores.length; i++) scores[i] = dotPacked(query, signed, view, i * entry + 4);
        return scores;
      },
    };
  }
  let largest = 0;
  for (const value of query) largest = Math.max(largest, Math.abs(value));
  const scale = largest > 0 ? QUERY_SCALE / largest : 1;
  const rounded = Int16Array.from(query, (value) => Math.round(value * scale));
  return {
    score(packed) {
      const count = Math.floor(packed.length / entry);
      const dataAt = align16(dims * 2);
      const outAt = align16(dataAt + count * entry);
      const needed = outAt + count * 4;
      if (wasm.memory.buffer.byteLength < needed) {
        wasm.memory.grow(Math.ceil((needed - wasm.memory.buffer.byteLength) / PAGE_BYTES));
      }
      // The query each time: another search may have scored between two lists of this one.
      new Int16Array(wasm.memory.buffer, 0, dims).set(rounded);
      new Uint8Array(wasm.memory.buffer, dataAt, count * entry).set(packed.subarray(0, count * entry));
      wasm.scan(0, dataAt, count, entry, dims, 1 / scale, outAt);
      return new Float32Array(wasm.memory.buffer, outAt, count);
    },
  };
}
