/**
 * An inverted-file index over paper vectors (IVF, as FAISS calls it): the vectors are grouped around
 * `lists` centroids found by k-means, every paper is filed under its nearest centroid, and a search
 * reads only the lists whose centroids are nearest the query. At a million papers with ~1,000 lists, a
 * search that probes 1% of the lists reads ~1% of the vectors. Pure functions (k-means, probing); the
 * rows live in PostgreSQL (lib/search/vectors.ts).
 */
import type { Random } from "@/lib/random";

/** Lists for a catalogue of `papers`: about √papers (FAISS's rule of thumb), 1 to 4,096. */
export function listsFor(papers: number): number {
  return Math.max(1, Math.min(4_096, Math.round(Math.sqrt(papers))));
}

/**
 * Lists a search reads: PROBE_SHARE of them, and at least enough to hold MIN_SCANNED papers (all of
 * them for a small catalogue, where reading every vector costs nothing). See README for the recall
 * this gives at a million papers (npm run bench).
 */
export const PROBE_SHARE = 0.012;
export const MIN_SCANNED = 5_000;
export function probesFor(lists: number, papers: number): number {
  const perList = Math.max(papers / Math.max(lists, 1), 1);
  return Math.min(lists, Math.max(Math.ceil(lists * PROBE_SHARE), Math.ceil(MIN_SCANNED / perList)));
}

function dotAt(a: Float32Array, aOffset: number, b: Float32Array, bOffset: number, dims: number): number {
  let sum = 0;
  for (let d = 0; d < dims; d++) sum += (a[aOffset + d] ?? 0) * (b[bOffset + d] ?? 0);
  return sum;
}

/** The index of the centroid nearest (by cosine: vectors and centroids are unit length) to `vector`. */
export function nearestList(centroids: Float32Array, dims: number, vector: Float32Array): number {
  let best = 0;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let c = 0; c * dims < centroids.length; c++) {
    const score = dotAt(centroids, c * dims, vector, 0, dims);
    if (score > bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return best;
}

/** The `count` lists nearest to `query`, nearest first. */
export function nearestLists(centroids: Float32Array, dims: number, query: Float32Array, count: number): number[] {
  const lists = centroids.length / dims;
  const scored = Array.from({ length: lists }, (_, c) => ({ c, score: dotAt(centroids, c * dims, query, 0, dims) }));
  scored.sort((a, b) => b.score - a.score || a.c - b.c);
  return scored.slice(0, count).map(({ c }) => c);
}

/**
 * Spherical k-means (Lloyd's iterations on unit vectors, centroids renormalised): `vectors` holds n
 * unit vectors of `dims` numbers one after the other. Centroids start on distinct random vectors; a list
 * left empty takes over a random vector.
 */
export function kmeans(vectors: Float32Array, dims: number, k: number, random: Random, iterations = 12): Float32Array {
  const n = vectors.length / dims;
  const lists = Math.max(1, Math.min(k, n));
  const centroids = new Float32Array(lists * dims);
  const order = random.permutation(n);
  for (let c = 0; c < lists; c++) centroids.set(vectors.subarray((order[c] ?? 0) * dims, ((order[c] ?? 0) + 1) * dims), c * dims);
  const assignment = new Int32Array(n);
  for (let iteration = 0; iteration < iterations; iteration++) {
    for (let i = 0; i < n; i++) assignment[i] = nearestList(centroids, dims, vectors.subarray(i * dims, (i + 1) * dims));
    const sums = new Float64Array(lists * dims);
    const sizes = new Int32Array(lists);
    for (let i = 0; i < n; i++) {
      const c = assignment[i] ?? 0;
      sizes[c] = (sizes[c] ?? 0) + 1;
      for (let d = 0; d < dims; d++) sums[c * dims + d] = (sums[c * dims + d] ?? 0) + (vectors[i * dims + d] ?? 0);
    }
    for (let c = 0; c < lists; c++) {
      if (!sizes[c]) {
        const pick = Math.floor(random.next() * n);
        centroids.set(vectors.subarray(pick * dims, (pick + 1) * dims), c * dims);
        continue;
      }
      let norm = 0;
      for (let d = 0; d < dims; d++) norm += (sums[c * dims + d] ?? 0) ** 2;
      const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let d = 0; d < dims; d++) centroids[c * dims + d] = (sums[c * dims + d] ?? 0) * scale;
    }
  }
  return centroids;
}
