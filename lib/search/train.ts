/**
 * Trains the search model (lib/search/model.ts) on the papers themselves, with nothing downloaded:
 *
 * 1. Words: every lexeme in at least MIN_DOCUMENT_FREQUENCY papers, weighted by IDF.
 * 2. Latent semantic analysis: the top SEARCH_DIMS right singular vectors of the papers' TF-IDF matrix
 *    (randomized SVD, Halko et al. 2011) give every word a first vector; words that occur in the same
 *    papers get similar vectors.
 * 3. Contrastive fine-tuning: a paper's title should land nearest its own abstract, and a passage of an
 *    abstract nearest the rest of its paper (the inverse cloze task of Lee et al. 2019), against the
 *    other papers of a batch (InfoNCE, both directions). That teaches the vectors what a short,
 *    query-like text and the abstract it describes share. Word dropout and a minimum frequency for
 *    trained words keep it from memorising papers by their rare words.
 *
 * On the relevance bench (npm run bench -- --only relevance) this beat, at the same or lower cost:
 * SIF-weighted averages of word2vec vectors trained on the same papers, LSA alone, GloVe vectors from
 * npm, and the Universal Sentence Encoder shipped in an npm package (see README, "Search").
 * Deterministic for a given seed and set of papers.
 */
import { Random } from "@/lib/random";
import { makeModel, type PaperText, SEARCH_DIMS, type SearchModel, type SparseVector, termCounts, tfidf } from "./model";

/** Words in fewer papers than this are left out: they cannot say what else a paper is about. */
export const MIN_DOCUMENT_FREQUENCY = 2;
/** Words in fewer papers than this keep their LSA vector: fine-tuning them would memorise papers. */
export const MIN_TRAINED_FREQUENCY = 5;
/** Passages of an abstract (inverse cloze task): this many words, one every ICT_STRIDE words. */
const ICT_PASSAGE = 12;
const ICT_STRIDE = 25;
/** Abstracts shorter than this give no passages. */
const ICT_MIN_WORDS = 40;
/** Extra random directions of the randomized SVD, and its power iterations. */
const SVD_OVERSAMPLING = 16;
const SVD_POWER_ITERATIONS = 2;

export interface TrainingOptions {
  dims?: number;
  epochs?: number;
  batchSize?: number;
  /** Softmax temperature of the contrastive loss. */
  temperature?: number;
  /** Share of a text's words left out at each step. */
  dropout?: number;
  learningRate?: number;
  seed?: number;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export const TRAINING_DEFAULTS = {
  dims: SEARCH_DIMS,
  epochs: 2,
  batchSize: 256,
  temperature: 0.1,
  dropout: 0.3,
  learningRate: 1e-3,
  seed: 20_261_204,
} as const;

interface Csr {
  rows: number;
  pointers: Int32Array;
  terms: Int32Array;
  values: Float32Array;
}

function toCsr(vectors: readonly SparseVector[]): Csr {
  const pointers = new Int32Array(vectors.length + 1);
  for (let i = 0; i < vectors.length; i++) pointers[i + 1] = (pointers[i] ?? 0) + (vectors[i]?.terms.length ?? 0);
  const terms = new Int32Array(pointers[vectors.length] ?? 0);
  const values = new Float32Array(terms.length);
  vectors.forEach((vector, i) => {
    terms.set(vector.terms, pointers[i] ?? 0);
    values.set(vector.values, pointers[i] ?? 0);
  });
  return { rows: vectors.length, pointers, terms, values };
}

export function buildVocabulary(papers: readonly PaperText[], minDocumentFrequency = MIN_DOCUMENT_FREQUENCY) {
  const frequency = new Map<string, number>();
  for (const paper of papers) {
    for (const word of new Set([...paper.title, ...paper.abstract])) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  }
  const vocabulary = [...frequency]
    .filter(([, df]) => df >= minDocumentFrequency)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const idf = Float32Array.from(vocabulary, ([, df]) => Math.log(papers.length / df));
  return { vocabulary: vocabulary.map(([word]) => word), idf, documentFrequency: Int32Array.from(vocabulary, ([, df]) => df) };
}

/** Columns of an n × l column-major matrix made orthonormal in place (modified Gram-Schmidt). */
function orthonormalize(matrix: Float64Array, n: number, l: number) {
  for (let j = 0; j < l; j++) {
    const col = j * n;
    for (let k = 0; k < j; k++) {
      const other = k * n;
      let proj = 0;
      for (let i = 0; i < n; i++) proj += (matrix[col + i] ?? 0) * (matrix[other + i] ?? 0);
      for (let i = 0; i < n; i++) matrix[col + i] = (matrix[col + i] ?? 0) - proj * (matrix[other + i] ?? 0);
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += (matrix[col + i] ?? 0) ** 2;
    const scale = norm > 1e-300 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < n; i++) matrix[col + i] = (matrix[col + i] ?? 0) * scale;
  }
}

/** X (n × V, CSR) times a V × l column-major matrix: n × l column-major. */
function multiply(x: Csr, right: Float64Array, vocabulary: number, l: number): Float64Array {
  const out = new Float64Array(x.rows * l);
  for (let r = 0; r < x.rows; r++) {
    for (let p = x.pointers[r] ?? 0; p < (x.pointers[r + 1] ?? 0); p++) {
      const term = x.terms[p] ?? 0;
      const value = x.values[p] ?? 0;
      for (let j = 0; j < l; j++) out[j * x.rows + r] = (out[j * x.rows + r] ?? 0) + value * (right[j * vocabulary + term] ?? 0);
    }
  }
  return out;
}

/** Xᵀ (V × n) times an n × l column-major matrix: V × l column-major. */
function multiplyTransposed(x: Csr, left: Float64Array, vocabulary: number, l: number): Float64Array {
  const out = new Float64Array(vocabulary * l);
  for (let r = 0; r < x.rows; r++) {
    for (let p = x.pointers[r] ?? 0; p < (x.pointers[r + 1] ?? 0); p++) {
      const term = x.terms[p] ?? 0;
      const value = x.values[p] ?? 0;
      for (let j = 0; j < l; j++)
        out[j * vocabulary + term] = (out[j * vocabulary + term] ?? 0) + value * (left[j * x.rows + r] ?? 0);
    }
  }
  return out;
}

/** Eigenvectors (columns, column-major) and eigenvalues of a symmetric l × l matrix (cyclic Jacobi). */
function symmetricEigen(a: Float64Array, l: number): { values: Float64Array; vectors: Float64Array } {
  const m = Float64Array.from(a);
  const v = new Float64Array(l * l);
  for (let i = 0; i < l; i++) v[i * l + i] = 1;
  const at = (i: number, j: number) => m[j * l + i] ?? 0;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let i = 0; i < l; i++) for (let j = i + 1; j < l; j++) off += at(i, j) ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < l; p++) {
      for (let q = p + 1; q < l; q++) {
        const apq = at(p, q);
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (at(q, q) - at(p, p)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < l; k++) {
          const mkp = at(k, p);
          const mkq = at(k, q);
          m[p * l + k] = c * mkp - s * mkq;
          m[q * l + k] = s * mkp + c * mkq;
        }
        for (let k = 0; k < l; k++) {
          const mpk = at(p, k);
          const mqk = at(q, k);
          m[k * l + p] = c * mpk - s * mqk;
          m[k * l + q] = s * mpk + c * mqk;
        }
        for (let k = 0; k < l; k++) {
          const vkp = v[p * l + k] ?? 0;
          const vkq = v[q * l + k] ?? 0;
          v[p * l + k] = c * vkp - s * vkq;
          v[q * l + k] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: Float64Array.from({ length: l }, (_, i) => at(i, i)), vectors: v };
}

/** The top `dims` right singular vectors of X (V × dims, row-major per word), by randomized SVD. */
export function latentSemanticVectors(x: Csr, vocabulary: number, dims: number, random: Random): Float32Array {
  const l = Math.min(dims + SVD_OVERSAMPLING, vocabulary, x.rows);
  const omega = Float64Array.from({ length: vocabulary * l }, () => random.gaussian());
  let y = multiply(x, omega, vocabulary, l);
  orthonormalize(y, x.rows, l);
  for (let q = 0; q < SVD_POWER_ITERATIONS; q++) {
    const z = multiplyTransposed(x, y, vocabulary, l);
    orthonormalize(z, vocabulary, l);
    y = multiply(x, z, vocabulary, l);
    orthonormalize(y, x.rows, l);
  }
  // B = Qᵀ X (l × V); Bᵀ = Xᵀ Q. Its right singular vectors are Bᵀ u / σ for the eigenvectors u of B Bᵀ.
  const bt = multiplyTransposed(x, y, vocabulary, l);
  const bbt = new Float64Array(l * l);
  for (let i = 0; i < l; i++) {
    for (let j = i; j < l; j++) {
      let sum = 0;
      for (let w = 0; w < vocabulary; w++) sum += (bt[i * vocabulary + w] ?? 0) * (bt[j * vocabulary + w] ?? 0);
      bbt[j * l + i] = sum;
      bbt[i * l + j] = sum;
    }
  }
  const { values, vectors } = symmetricEigen(bbt, l);
  const order = Array.from({ length: l }, (_, i) => i).sort((a, b) => (values[b] ?? 0) - (values[a] ?? 0));
  const out = new Float32Array(vocabulary * dims);
  for (let k = 0; k < Math.min(dims, l); k++) {
    const e = order[k] ?? 0;
    const sigma = Math.sqrt(Math.max(values[e] ?? 0, 1e-300));
    for (let w = 0; w < vocabulary; w++) {
      let sum = 0;
      for (let i = 0; i < l; i++) sum += (bt[i * vocabulary + w] ?? 0) * (vectors[e * l + i] ?? 0);
      out[w * dims + k] = sum / sigma;
    }
  }
  return out;
}

/** Title → abstract, and each passage of an abstract → the rest of its paper. */
export function trainingPairs(papers: readonly PaperText[]): [PaperText, PaperText][] {
  const pairs: [PaperText, PaperText][] = [];
  for (const paper of papers) {
    if (paper.title.length && paper.abstract.length)
      pairs.push([
        { title: paper.title, abstract: [] },
        { title: [], abstract: paper.abstract },
      ]);
    const words = paper.abstract;
    if (words.length <= ICT_MIN_WORDS) continue;
    for (let start = 0; start < words.length - 20; start += ICT_STRIDE) {
      const passage = words.slice(start, start + ICT_PASSAGE);
      const rest = [...paper.title, ...words.slice(0, start), ...words.slice(start + ICT_PASSAGE)];
      pairs.push([
        { title: [], abstract: passage },
        { title: [], abstract: rest },
      ]);
    }
  }
  return pairs;
}

/** Encodes a batch (rows of a CSR, some words dropped) into `out` (rows × dims); returns the row norms. */
function encodeBatch(
  x: Csr,
  rows: ArrayLike<number>,
  keep: (term: number) => boolean,
  weights: Float32Array,
  dims: number,
  out: Float32Array,
  used: { row: number; term: number; value: number }[][],
) {
  out.fill(0);
  const norms = new Float32Array(rows.length);
  for (let b = 0; b < rows.length; b++) {
    const r = rows[b] ?? 0;
    const entries: { row: number; term: number; value: number }[] = [];
    for (let p = x.pointers[r] ?? 0; p < (x.pointers[r + 1] ?? 0); p++) {
      const term = x.terms[p] ?? 0;
      if (!keep(term)) continue;
      const value = x.values[p] ?? 0;
      entries.push({ row: b, term, value });
      for (let d = 0; d < dims; d++) out[b * dims + d] = (out[b * dims + d] ?? 0) + value * (weights[term * dims + d] ?? 0);
    }
    used[b] = entries;
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += (out[b * dims + d] ?? 0) ** 2;
    norms[b] = Math.sqrt(norm) + 1e-9;
    for (let d = 0; d < dims; d++) out[b * dims + d] = (out[b * dims + d] ?? 0) / (norms[b] ?? 1);
  }
  return norms;
}

/** Row-wise softmax of scores (rows × rows), minus the identity, over (rows · temperature): dLoss/dScores. */
function softmaxGradient(scores: Float32Array, size: number, temperature: number): { gradient: Float32Array; loss: number } {
  const gradient = new Float32Array(size * size);
  let loss = 0;
  for (let i = 0; i < size; i++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < size; j++) max = Math.max(max, scores[i * size + j] ?? 0);
    let sum = 0;
    for (let j = 0; j < size; j++) {
      const e = Math.exp((scores[i * size + j] ?? 0) - max);
      gradient[i * size + j] = e;
      sum += e;
    }
    for (let j = 0; j < size; j++) gradient[i * size + j] = (gradient[i * size + j] ?? 0) / sum;
    loss -= Math.log((gradient[i * size + i] ?? 0) + 1e-12);
    gradient[i * size + i] = (gradient[i * size + i] ?? 0) - 1;
    for (let j = 0; j < size; j++) gradient[i * size + j] = (gradient[i * size + j] ?? 0) / (size * temperature);
  }
  return { gradient, loss };
}

export function trainModel(papers: readonly PaperText[], options: TrainingOptions = {}): SearchModel {
  const settings = { ...TRAINING_DEFAULTS, ...options };
  const { dims, temperature, batchSize } = settings;
  const random = new Random(settings.seed);
  const report = options.onProgress ?? (() => {});
  const { vocabulary, idf, documentFrequency } = buildVocabulary(papers);
  if (vocabulary.length < dims) throw new Error(`Too few papers to train a search model (${vocabulary.length} words).`);
  const base = makeModel({ dims, vocabulary, idf, weights: new Float32Array(0), trainedOn: papers.length });

  report("latent semantic analysis", 0, 1);
  const documents = toCsr(papers.map((paper) => tfidf(base, termCounts(paper))));
  const weights = latentSemanticVectors(documents, vocabulary.length, dims, random);
  report("latent semantic analysis", 1, 1);

  const pairs = trainingPairs(papers);
  const left = toCsr(pairs.map(([a]) => tfidf(base, termCounts(a))));
  const right = toCsr(pairs.map(([, b]) => tfidf(base, termCounts(b))));
  const trained = (term: number) => (documentFrequency[term] ?? 0) >= MIN_TRAINED_FREQUENCY;
  const m = new Float32Array(weights.length);
  const v = new Float32Array(weights.length);
  const beta1 = 0.9;
  const beta2 = 0.999;
  let step = 0;
  const steps = settings.epochs * Math.floor(pairs.length / batchSize);
  const ea = new Float32Array(batchSize * dims);
  const eb = new Float32Array(batchSize * dims);
  const usedA: { row: number; term: number; value: number }[][] = [];
  const usedB: { row: number; term: number; value: number }[][] = [];
  const gradient = new Float32Array(weights.length);
  const touched = new Uint8Array(vocabulary.length);
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    const order = random.permutation(pairs.length);
    for (let start = 0; start + batchSize <= pairs.length; start += batchSize) {
      const rows = order.subarray(start, start + batchSize);
      const keep = (term: number) => trained(term) && random.next() >= settings.dropout;
      const na = encodeBatch(left, rows, keep, weights, dims, ea, usedA);
      const nb = encodeBatch(right, rows, keep, weights, dims, eb, usedB);
      const scores = new Float32Array(batchSize * batchSize);
      for (let i = 0; i < batchSize; i++) {
        for (let j = 0; j < batchSize; j++) {
          let sum = 0;
          for (let d = 0; d < dims; d++) sum += (ea[i * dims + d] ?? 0) * (eb[j * dims + d] ?? 0);
          scores[i * batchSize + j] = sum / temperature;
        }
      }
      const transposed = new Float32Array(batchSize * batchSize);
      for (let i = 0; i < batchSize; i++)
        for (let j = 0; j < batchSize; j++) transposed[j * batchSize + i] = scores[i * batchSize + j] ?? 0;
      const forward = softmaxGradient(scores, batchSize, temperature);
      const backward = softmaxGradient(transposed, batchSize, temperature);
      // dL/dea = G eb + G2ᵀ eb ; dL/deb = Gᵀ ea + G2 ea
      const dea = new Float32Array(batchSize * dims);
      const deb = new Float32Array(batchSize * dims);
      for (let i = 0; i < batchSize; i++) {
        for (let j = 0; j < batchSize; j++) {
          const g = (forward.gradient[i * batchSize + j] ?? 0) + (backward.gradient[j * batchSize + i] ?? 0);
          if (g === 0) continue;
          for (let d = 0; d < dims; d++) {
            dea[i * dims + d] = (dea[i * dims + d] ?? 0) + g * (eb[j * dims + d] ?? 0);
            deb[j * dims + d] = (deb[j * dims + d] ?? 0) + g * (ea[i * dims + d] ?? 0);
          }
        }
      }
      gradient.fill(0);
      touched.fill(0);
      const accumulate = (
        e: Float32Array,
        de: Float32Array,
        norms: Float32Array,
        used: { row: number; term: number; value: number }[][],
      ) => {
        for (let b = 0; b < batchSize; b++) {
          let along = 0;
          for (let d = 0; d < dims; d++) along += (de[b * dims + d] ?? 0) * (e[b * dims + d] ?? 0);
          const norm = norms[b] ?? 1;
          for (const { term, value } of used[b] ?? []) {
            touched[term] = 1;
            for (let d = 0; d < dims; d++) {
              const du = ((de[b * dims + d] ?? 0) - along * (e[b * dims + d] ?? 0)) / norm;
              gradient[term * dims + d] = (gradient[term * dims + d] ?? 0) + value * du;
            }
          }
        }
      };
      accumulate(ea, dea, na, usedA);
      accumulate(eb, deb, nb, usedB);
      step++;
      const lr = settings.learningRate;
      const c1 = 1 - beta1 ** step;
      const c2 = 1 - beta2 ** step;
      for (let i = 0; i < weights.length; i++) {
        const g = gradient[i] ?? 0;
        const mi = beta1 * (m[i] ?? 0) + (1 - beta1) * g;
        const vi = beta2 * (v[i] ?? 0) + (1 - beta2) * g * g;
        m[i] = mi;
        v[i] = vi;
        weights[i] = (weights[i] ?? 0) - (lr * (mi / c1)) / (Math.sqrt(vi / c2) + 1e-8);
      }
      report(`training (epoch ${epoch + 1} of ${settings.epochs}, loss ${(forward.loss / batchSize).toFixed(3)})`, step, steps);
    }
  }
  return makeModel({ dims, vocabulary, idf, weights, trainedOn: papers.length });
}
