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
export const PROBE_SHARE = 0.024;
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

/**
 * The `count` lists nearest to `query`, nearest first (ties: the lower list). Scores in one typed array
 * and a running selection of the best `count`: a search asks twice, over ~1,000 centroids.
 */
export function nearestLists(centroids: Float32Array, dims: number, query: Float32Array, count: number): number[] {
  const lists = centroids.length / dims;
  const scores = new Float32Array(lists);
  for (let c = 0; c < lists; c++) scores[c] = dotAt(centroids, c * dims, query, 0, dims);
  const better = (a: number, b: number) => (scores[a] as number) > (scores[b] as number) || (scores[a] === scores[b] && a < b);
  const best: number[] = [];
  for (let c = 0; c < lists; c++) {
    if (best.length === count && !better(c, best[count - 1] as number)) continue;
    let at = Math.min(best.length, count - 1);
    if (best.length < count) best.push(c);
    while (at > 0 && better(c, best[at - 1] as number)) {
      best[at] = best[at - 1] as number;
      at--;
    }
    best[at] = c;
  }
  return best;
}

/**
 * k-means++ seeding (Arthur and Vassilvitskii 2007): each next centroid is a vector drawn with
 * probability growing with its distance to the centroids chosen so far, so that no two start in the
 * same cluster (plain random starts leave some clusters without a centroid and others with two).
 */
function seedCentroids(vectors: Float32Array, dims: number, lists: number, random: Random): Float32Array {
  const n = vectors.length / dims;
  const centroids = new Float32Array(lists * dims);
  const first = Math.floor(random.next() * n);
  centroids.set(vectors.subarray(first * dims, (first + 1) * dims), 0);
  // Squared distance of unit vectors: 2 - 2 cos.
  const nearest = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  for (let c = 1; c < lists; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      const distance = Math.max(0, 2 - 2 * dotAt(vectors, i * dims, centroids, (c - 1) * dims, dims));
      if (distance < (nearest[i] ?? 0)) nearest[i] = distance;
      total += nearest[i] ?? 0;
    }
    let pick = n - 1;
    let left = random.next() * total;
    for (let i = 0; i < n; i++) {
      left -= nearest[i] ?? 0;
      if (left <= 0) {
        pick = i;
        break;
      }
    }
    centroids.set(vectors.subarray(pick * dims, (pick + 1) * dims), c * dims);
  }
  return centroids;
}

/**
 * Spherical k-means (Lloyd's iterations on unit vectors, centroids renormalised) from k-means++ seeds:
 * `vectors` holds n unit vectors of `dims` numbers one after the other. A list left empty takes over a
 * random vector.
 */
export function kmeans(vectors: Float32Array, dims: number, k: number, random: Random, iterations = 8): Float32Array {
  const n = vectors.length / dims;
  const lists = Math.max(1, Math.min(k, n));
  const centroids = seedCentroids(vectors, dims, lists, random);
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
