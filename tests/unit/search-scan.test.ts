import { describe, expect, it } from "vitest";
import { Random } from "@/lib/random";
import { dot, normalize, quantize } from "@/lib/search/model";
import { listScorer, scansWithSimd } from "@/lib/search/scan";
import { SCAN_WASM_BASE64 } from "@/lib/search/scan-wasm";
import { compileScanWat } from "../../scripts/lib/scan-wasm";

/** A packed IVF list (lib/search/vectors/data.ts): per paper a big-endian id, then its stored vector. */
function packedList(vectors: Float32Array[], firstId: number): Uint8Array {
  const dims = vectors[0]?.length ?? 0;
  const packed = new Uint8Array(vectors.length * (8 + dims));
  const view = new DataView(packed.buffer);
  vectors.forEach((vector, i) => {
    view.setInt32(i * (8 + dims), firstId + i, false);
    packed.set(quantize(vector), i * (8 + dims) + 4);
  });
  return packed;
}

function unitVectors(random: Random, count: number, dims: number): Float32Array[] {
  return Array.from({ length: count }, () => {
    const vector = Float32Array.from({ length: dims }, () => random.gaussian());
    normalize(vector);
    return vector;
  });
}

describe("scoring packed lists", () => {
  it("runs in WebAssembly SIMD on this Node.js", () => {
    expect(scansWithSimd()).toBe(true);
  });

  it.each([128, 64, 12])("gives each entry its dot product with the query (%i dimensions)", (dims) => {
    const random = new Random(dims);
    const [query = new Float32Array(dims)] = unitVectors(random, 1, dims);
    const vectors = unitVectors(random, 300, dims);
    const scores = listScorer(query).score(packedList(vectors, 1));
    expect(scores).toHaveLength(300);
    for (const [i, vector] of vectors.entries()) expect(scores[i]).toBeCloseTo(dot(query, vector), 1);
    // Within what storing a vector as bytes moves it, and in the same order as the JavaScript loop.
    const plain = listScorer(query, { simd: false }).score(packedList(vectors, 1));
    for (let i = 0; i < 300; i++) expect(Math.abs((scores[i] ?? 0) - (plain[i] ?? 0))).toBeLessThan(2e-4);
  });

  it("scores lists one after another, larger ones growing its memory, for interleaved queries", () => {
    const random = new Random(3);
    const [a = new Float32Array(128), b = new Float32Array(128)] = unitVectors(random, 2, 128);
    const small = unitVectors(random, 10, 128);
    const large = unitVectors(random, 5_000, 128);
    const first = Array.from(listScorer(a).score(packedList(small, 1)));
    const other = listScorer(b).score(packedList(large, 100));
    expect(other[4_999]).toBeCloseTo(dot(b, large[4_999] ?? b), 1);
    // a's scorer again, after b's wrote its own query: a's scores, not b's.
    expect(Array.from(listScorer(a).score(packedList(small, 1)))).toEqual(first);
    expect(first[0]).toBeCloseTo(dot(a, small[0] ?? a), 1);
  });

  it("ships the bytes lib/search/scan.wat compiles to (npm run build:scan)", async () => {
    expect((await compileScanWat()).toString("base64")).toBe(SCAN_WASM_BASE64);
  });
});
