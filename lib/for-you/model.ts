/**
 * The For you ranking's lexical model, as arxiv-sanity-lite ranks papers for a reader: TF-IDF vectors
 * of titles and abstracts, and a per-reader profile learned from the papers they upvoted and saved
 * (the centroid of their vectors, Rocchio's classic relevance feedback: a linear model that, like
 * arxiv-sanity's SVM, weighs each word by how much it marks the reader's papers). Pure functions: the
 * data comes from lib/for-you/data.ts.
 */

const STOP_WORDS = new Set(
  (
    "the and for with that this from are was were been have has had not but our their its into than then them they " +
    "these those such can could may might will would should also which while where when what who how all any each " +
    "more most other some only over under between both through during before after above below very well however " +
    "thus there here using use used based via paper propose proposed approach method methods results show shows " +
    "new novel work study existing further without within across about one two three first second large small high " +
    "low many much model models data task tasks performance learning existing state art achieve achieves significantly"
  ).split(" "),
);

/** Lower-cased words of 3+ letters (digits allowed after the first), stop words out, a plural "s" folded. */
export function tokenize(text: string): string[] {
  const words = text.toLowerCase().match(/\p{L}[\p{L}\p{N}-]{2,}/gu) ?? [];
  const out: string[] = [];
  for (const raw of words) {
    const word = raw.length > 4 && raw.endsWith("s") && !raw.endsWith("ss") ? raw.slice(0, -1) : raw;
    if (!STOP_WORDS.has(word)) out.push(word);
  }
  return out;
}

/** A sparse, L2-normalised TF-IDF vector over the corpus dictionary. */
export interface SparseVector {
  terms: Int32Array;
  weights: Float32Array;
}

export interface Corpus {
  /** Term -> index. */
  dictionary: Map<string, number>;
  idf: Float64Array;
  documents: number;
}

/** Document frequencies over the candidate papers (each document a list of tokens). */
export function buildCorpus(documents: readonly string[][]): Corpus {
  const dictionary = new Map<string, number>();
  const df: number[] = [];
  for (const tokens of documents) {
    for (const term of new Set(tokens)) {
      let index = dictionary.get(term);
      if (index === undefined) {
        index = df.length;
        dictionary.set(term, index);
        df.push(0);
      }
      df[index] = (df[index] ?? 0) + 1;
    }
  }
  const n = documents.length;
  const idf = new Float64Array(df.length);
  for (let i = 0; i < df.length; i++) idf[i] = Math.log((1 + n) / (1 + (df[i] ?? 0))) + 1;
  return { dictionary, idf, documents: n };
}

/** Sublinear term frequency (1 + log tf) times IDF, L2-normalised; terms outside the dictionary are dropped. */
export function vectorize(tokens: readonly string[], corpus: Corpus): SparseVector {
  const counts = new Map<number, number>();
  for (const token of tokens) {
    const index = corpus.dictionary.get(token);
    if (index !== undefined) counts.set(index, (counts.get(index) ?? 0) + 1);
  }
  const terms = new Int32Array(counts.size);
  const weights = new Float32Array(counts.size);
  let norm = 0;
  let i = 0;
  for (const [index, count] of counts) {
    const weight = (1 + Math.log(count)) * (corpus.idf[index] ?? 0);
    terms[i] = index;
    weights[i] = weight;
    norm += weight * weight;
    i++;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let j = 0; j < weights.length; j++) weights[j] = (weights[j] ?? 0) * scale;
  return { terms, weights };
}

/** The reader's profile: the normalised centroid of their papers' vectors, dense over the dictionary. */
export function learnProfile(liked: readonly SparseVector[], corpus: Corpus): Float64Array {
  const profile = new Float64Array(corpus.dictionary.size);
  for (const vector of liked) {
    for (let i = 0; i < vector.terms.length; i++) {
      const term = vector.terms[i] ?? 0;
      profile[term] = (profile[term] ?? 0) + (vector.weights[i] ?? 0);
    }
  }
  let norm = 0;
  for (const value of profile) norm += value * value;
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let i = 0; i < profile.length; i++) profile[i] = (profile[i] ?? 0) * scale;
  }
  return profile;
}

export function scoreDense(vector: SparseVector, profile: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < vector.terms.length; i++) sum += (vector.weights[i] ?? 0) * (profile[vector.terms[i] ?? 0] ?? 0);
  return sum;
}

/** Cosine of two normalised sparse vectors (both sorted or not: a map of the smaller one). */
export function cosine(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.terms.length <= b.terms.length ? [a, b] : [b, a];
  const weights = new Map<number, number>();
  for (let i = 0; i < small.terms.length; i++) weights.set(small.terms[i] ?? 0, small.weights[i] ?? 0);
  let sum = 0;
  for (let i = 0; i < large.terms.length; i++) {
    const other = weights.get(large.terms[i] ?? 0);
    if (other !== undefined) sum += other * (large.weights[i] ?? 0);
  }
  return sum;
}
