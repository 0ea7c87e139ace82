/**
 * The semantic half of search: a paper (or a query) becomes a vector of SEARCH_DIMS numbers, and papers
 * about the same thing get vectors that point the same way, whichever words they use.
 *
 * The model is a linear bag-of-words encoder: a paper's words, weighted by TF-IDF, each carry a learned
 * vector, and the paper's vector is their weighted sum, normalised. Words are PostgreSQL's English lexemes
 * (the `english` text search configuration), so the lexical half and this one read the same words. The
 * word vectors start as latent semantic analysis of the corpus and are then trained on the papers
 * themselves (lib/search/train.ts). Pure functions: the database side is lib/search/vectors.ts.
 */

/** A paper's words as the model reads them: its title's and abstract's lexemes, in order. */
export interface PaperText {
  title: readonly string[];
  abstract: readonly string[];
}

/** Dimensions of a vector: 128 did as well as 256 on the relevance bench, at half the storage. */
export const SEARCH_DIMS = 128;
/** A title says more about a paper than a sentence of its abstract: its words count twice. */
export const TITLE_WEIGHT = 2;

export interface SearchModel {
  dims: number;
  vocabulary: string[];
  index: Map<string, number>;
  /** Inverse document frequency of each word in the papers the model was trained on. */
  idf: Float32Array;
  /** One row of `dims` numbers per word. */
  weights: Float32Array;
  /** Papers the model was trained on. */
  trainedOn: number;
}

export interface SparseVector {
  terms: Int32Array;
  values: Float32Array;
}

export function makeModel(fields: Omit<SearchModel, "index">): SearchModel {
  return { ...fields, index: new Map(fields.vocabulary.map((word, i) => [word, i])) };
}

/** How often each word occurs, the title's words TITLE_WEIGHT times. */
export function termCounts(text: PaperText): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of text.title) counts.set(word, (counts.get(word) ?? 0) + TITLE_WEIGHT);
  for (const word of text.abstract) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

/** Sublinear TF-IDF over the model's words, L2-normalised; words it does not know are left out. */
export function tfidf(model: Pick<SearchModel, "index" | "idf">, counts: ReadonlyMap<string, number>): SparseVector {
  const terms: number[] = [];
  const values: number[] = [];
  let norm = 0;
  for (const [word, count] of counts) {
    const term = model.index.get(word);
    if (term === undefined || count <= 0) continue;
    const value = (1 + Math.log(count)) * (model.idf[term] ?? 0);
    terms.push(term);
    values.push(value);
    norm += value * value;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return { terms: Int32Array.from(terms), values: Float32Array.from(values, (value) => value * scale) };
}

/** sparse × weights, into `out` (dims long). */
export function project(weights: Float32Array, dims: number, vector: SparseVector, out: Float32Array): Float32Array {
  out.fill(0);
  for (let i = 0; i < vector.terms.length; i++) {
    const value = vector.values[i] ?? 0;
    const row = (vector.terms[i] ?? 0) * dims;
    for (let d = 0; d < dims; d++) out[d] = (out[d] ?? 0) + value * (weights[row + d] ?? 0);
  }
  return out;
}

/** Scales to length 1 in place; false when the vector is zero. */
export function normalize(vector: Float32Array): boolean {
  let norm = 0;
  for (const value of vector) norm += value * value;
  if (norm === 0) return false;
  const scale = 1 / Math.sqrt(norm);
  for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] ?? 0) * scale;
  return true;
}

/** The unit vector of some weighted words, or null when the model knows none of them. */
export function embedCounts(model: SearchModel, counts: ReadonlyMap<string, number>): Float32Array | null {
  const sparse = tfidf(model, counts);
  if (sparse.terms.length === 0) return null;
  const vector = project(model.weights, model.dims, sparse, new Float32Array(model.dims));
  return normalize(vector) ? vector : null;
}

export const embedPaper = (model: SearchModel, text: PaperText) => embedCounts(model, termCounts(text));

/** A query's vector: its lexemes, each once (a reader repeating a word does not mean it twice as much). */
export function embedQuery(model: SearchModel, lexemes: readonly string[]): Float32Array | null {
  return embedCounts(model, new Map(lexemes.map((word) => [word, 1])));
}

/**
 * The share of a query's weight (by IDF) that the model knows: 1 for words it was trained on, 0 for an
 * author's name or a word no paper it saw had. Search trusts the vector side that much.
 */
export function knownShare(model: SearchModel, lexemes: readonly string[], unknownIdf: number): number {
  let known = 0;
  let total = 0;
  for (const word of new Set(lexemes)) {
    const term = model.index.get(word);
    const idf = term === undefined ? unknownIdf : (model.idf[term] ?? 0);
    total += idf;
    if (term !== undefined) known += idf;
  }
  return total > 0 ? known / total : 0;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

/**
 * Vectors are stored as a float32 scale and one signed byte per dimension (132 bytes for 128
 * dimensions, a quarter of float32): the cosine of two papers moves by ~0.002 at most.
 */
export const vectorBytes = (dims: number) => 4 + dims;

export function quantize(vector: Float32Array): Uint8Array {
  const bytes = new Uint8Array(vectorBytes(vector.length));
  const view = new DataView(bytes.buffer);
  let max = 0;
  for (const value of vector) max = Math.max(max, Math.abs(value));
  const scale = max > 0 ? 127 / max : 1;
  view.setFloat32(0, scale, true);
  for (let i = 0; i < vector.length; i++) view.setInt8(4 + i, Math.round((vector[i] ?? 0) * scale));
  return bytes;
}

export function dequantize(bytes: Uint8Array, offset = 0, dims = bytes.length - offset - 4): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, vectorBytes(dims));
  const scale = view.getFloat32(0, true);
  const vector = new Float32Array(dims);
  for (let i = 0; i < dims; i++) vector[i] = view.getInt8(4 + i) / scale;
  return vector;
}

/** The dot product of a query with a stored (quantised) vector that starts at `offset` in `bytes`. */
export function dotStored(query: Float32Array, bytes: Uint8Array, offset: number): number {
  return dotPacked(
    query,
    new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    offset,
  );
}

/**
 * dotStored over views made once for a whole list of vectors (`signed` and `view` of the same bytes):
 * a search scores ~25,000 of them, and a view per vector, read a byte at a time, cost three times the
 * arithmetic.
 */
export function dotPacked(query: Float32Array, signed: Int8Array, view: DataView, offset: number): number {
  const start = offset + 4;
  const dims = query.length;
  let sum = 0;
  for (let i = 0; i < dims; i++) sum += (query[i] as number) * (signed[start + i] as number);
  return sum / view.getFloat32(offset, true);
}

/*
 * The model's file format (the shipped model, prisma/data/search-model.bin, and the database's copy):
 *   "DPSM" 1 (version byte), uint32 header length, header JSON { dims, words, trainedOn },
 *   the words joined by "\n" (UTF-8, length in the header), float32 idf per word,
 *   then per word a float32 scale and `dims` signed bytes (as stored vectors are).
 */
const MAGIC = "DPSM";
const FORMAT_VERSION = 1;

export function serializeModel(model: SearchModel): Buffer {
  const words = Buffer.from(model.vocabulary.join("\n"), "utf8");
  const header = Buffer.from(
    JSON.stringify({ dims: model.dims, words: model.vocabulary.length, wordBytes: words.length, trainedOn: model.trainedOn }),
    "utf8",
  );
  const rows = Buffer.alloc(model.vocabulary.length * vectorBytes(model.dims));
  const row = new Float32Array(model.dims);
  for (let w = 0; w < model.vocabulary.length; w++) {
    row.set(model.weights.subarray(w * model.dims, (w + 1) * model.dims));
    rows.set(quantize(row), w * vectorBytes(model.dims));
  }
  const idf = Buffer.from(new Float32Array(model.idf).buffer);
  const prefix = Buffer.alloc(9);
  prefix.write(MAGIC, 0, "ascii");
  prefix.writeUInt8(FORMAT_VERSION, 4);
  prefix.writeUInt32LE(header.length, 5);
  return Buffer.concat([prefix, header, words, idf, rows]);
}

export function parseModel(data: Uint8Array): SearchModel {
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buffer.toString("ascii", 0, 4) !== MAGIC || buffer.readUInt8(4) !== FORMAT_VERSION) {
    throw new Error("not a search model (or one of another format version)");
  }
  const headerLength = buffer.readUInt32LE(5);
  const header = JSON.parse(buffer.toString("utf8", 9, 9 + headerLength)) as {
    dims: number;
    words: number;
    wordBytes: number;
    trainedOn: number;
  };
  let at = 9 + headerLength;
  const vocabulary = header.words ? buffer.toString("utf8", at, at + header.wordBytes).split("\n") : [];
  at += header.wordBytes;
  if (vocabulary.length !== header.words) throw new Error("search model: word list does not match its header");
  const idf = new Float32Array(header.words);
  for (let w = 0; w < header.words; w++) idf[w] = buffer.readFloatLE(at + w * 4);
  at += header.words * 4;
  const weights = new Float32Array(header.words * header.dims);
  const size = vectorBytes(header.dims);
  if (buffer.length < at + header.words * size) throw new Error("search model: truncated");
  for (let w = 0; w < header.words; w++) {
    weights.set(dequantize(data, at + w * size, header.dims), w * header.dims);
  }
  return makeModel({ dims: header.dims, vocabulary, idf, weights, trainedOn: header.trainedOn });
}
