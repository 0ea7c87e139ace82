import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { Random } from "@/lib/random";
import { kmeans, listsFor, nearestList } from "../ivf";
import { dequantize, embedPaper, parseModel, quantize, type SearchModel, serializeModel } from "../model";
import { type TrainingOptions, trainModel } from "../train";
import {
  type ActiveIndex,
  countVectors,
  getActiveIndex,
  type PaperWords,
  readPapersWithoutVectors,
  readVectors,
  samplePaperTexts,
  sampleVectors,
} from "./data";
import { activateModel, moveVectors, saveCentroids, saveModel, writeVectors } from "./mutations";

/**
 * Keeping every paper's vector: the model shipped with the app (trained on the 9,577 real papers of
 * prisma/data), vectors for papers that have none (the worker, the importer, the seed, and
 * `npm run embed`), the IVF centroids, and retraining on the catalogue as it grows.
 */

/** The model a fresh install starts with: `npm run embed -- --train --save-shipped` writes it. */
export const SHIPPED_MODEL_FILE = path.resolve(import.meta.dirname, "../../../prisma/data/search-model.bin.gz");

/** Papers embedded per statement. */
const EMBED_BATCH = 2_000;
/**
 * Papers (or vectors) k-means learns the IVF centroids from, at most: 25 per list at a million papers
 * (FAISS needs ~30-256 per centroid; more only slows k-means down, ~30 s here).
 */
const INDEX_SAMPLE = 25_000;
/** The centroids are learned again when the catalogue has grown this many times since. */
const REINDEX_GROWTH = 4;
/** A model is trained on this many papers at most (a random sample of a larger catalogue): ~1 minute a 10,000. */
export const MAX_TRAINING_PAPERS = 20_000;
const INDEX_SEED = 1_729;

type Log = (message: string) => void;
type Progress = (stage: string, done: number, total: number) => void;

export async function readShippedModel(file = SHIPPED_MODEL_FILE): Promise<SearchModel> {
  return parseModel(gunzipSync(await readFile(file)));
}

/** Installs the shipped model when the database has none. Returns the active model's id. */
export async function ensureModel(log: Log = () => {}): Promise<number> {
  const index = await getActiveIndex({ fresh: true });
  if (index) return index.id;
  const model = await readShippedModel();
  const id = await saveModel({ model: serializeModel(model), trainedOn: model.trainedOn, dims: model.dims, activate: true });
  log(
    `Search model installed (trained on ${model.trainedOn.toLocaleString("en-US")} papers, ${model.vocabulary.length.toLocaleString("en-US")} words).`,
  );
  await getActiveIndex({ fresh: true });
  return id;
}

/**
 * Vectors of papers. A paper the model knows no word of (a title and abstract in another language)
 * gets a zero vector: near nothing, but stored, so that it is not looked at again on every pass.
 */
function embedAll(model: SearchModel, papers: readonly PaperWords[]) {
  return papers.map((paper) => ({ paper, vector: embedPaper(model, paper.text) ?? new Float32Array(model.dims) }));
}

/** Learns IVF centroids from vectors (unit length, `dims` each) and stores them. */
async function storeCentroids(index: ActiveIndex, vectors: Float32Array, papers: number, log: Log) {
  const lists = listsFor(papers);
  const started = performance.now();
  const centroids = kmeans(vectors, index.model.dims, lists, new Random(INDEX_SEED));
  const stored = centroids.length / index.model.dims;
  await saveCentroids(index.id, centroids, stored, papers);
  log(
    `Search index: ${stored.toLocaleString("en-US")} lists for ${papers.toLocaleString("en-US")} papers (k-means in ${((performance.now() - started) / 1000).toFixed(1)} s).`,
  );
  return getActiveIndex({ fresh: true });
}

/** Centroids for a model that has none yet, from the vectors of a sample of papers (computed, not stored). */
async function indexFromSample(index: ActiveIndex, papers: number, log: Log) {
  const sample = embedAll(index.model, await samplePaperTexts(INDEX_SAMPLE)).filter(({ vector }) => vector.some((x) => x !== 0));
  if (sample.length === 0) return index;
  const vectors = new Float32Array(sample.length * index.model.dims);
  sample.forEach(({ vector }, i) => {
    vectors.set(vector, i * index.model.dims);
  });
  return (await storeCentroids(index, vectors, papers, log)) ?? index;
}

export interface EmbedSummary {
  embedded: number;
  seconds: number;
}

/**
 * Computes and stores the vector of every paper that has none under the active model (new papers,
 * papers whose words changed, all of them after a new model), filing each under its nearest IVF list.
 * Learns the centroids first when the model has none, and again when the catalogue has grown
 * REINDEX_GROWTH times since. Safe to run from several processes at once (a vector is written once
 * per paper, the last write wins).
 */
export async function embedMissing(options: { log?: Log; onProgress?: Progress } = {}): Promise<EmbedSummary> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  let index = await getActiveIndex({ fresh: true });
  if (!index) return { embedded: 0, seconds: 0 };
  const counts = await countVectors(index.id);
  const missing = counts.papers - counts.vectors;
  if (missing <= 0) return { embedded: 0, seconds: 0 };
  if (!index.centroids) index = await indexFromSample(index, counts.papers, log);
  const centroids = index.centroids;
  let embedded = 0;
  for (let after = 0; ; ) {
    const papers = await readPapersWithoutVectors(index.id, after, EMBED_BATCH);
    if (papers.length === 0) break;
    after = papers.at(-1)?.id ?? after;
    const rows = embedAll(index.model, papers).map(({ paper, vector }) => ({
      paperId: paper.id,
      hash: paper.hash,
      list: centroids ? nearestList(centroids, index.model.dims, vector) : 0,
      vector: quantize(vector),
    }));
    embedded += await writeVectors(index.id, rows);
    options.onProgress?.("vectors", embedded, missing);
  }
  const after = await countVectors(index.id);
  if (index.centroids && after.vectors >= 1_000 && after.vectors > REINDEX_GROWTH * Math.max(index.indexedPapers, 1)) {
    await rebuildIndex({ log, onProgress: options.onProgress });
  }
  return { embedded, seconds: (performance.now() - started) / 1000 };
}

/** Learns the IVF centroids again from the stored vectors and files every vector under its new list. */
export async function rebuildIndex(options: { log?: Log; onProgress?: Progress } = {}) {
  const log = options.log ?? (() => {});
  const index = await getActiveIndex({ fresh: true });
  if (!index) return;
  const { vectors: stored } = await countVectors(index.id);
  const dims = index.model.dims;
  const sample = await sampleVectors(index.id, INDEX_SAMPLE);
  if (sample.length === 0) return;
  const vectors = new Float32Array(sample.length * dims);
  sample.forEach((bytes, i) => {
    vectors.set(dequantize(bytes, 0, dims), i * dims);
  });
  const rebuilt = await storeCentroids(index, vectors, stored, log);
  if (!rebuilt?.centroids) return;
  let moved = 0;
  for (let after = 0; ; ) {
    const rows = await readVectors(index.id, after, EMBED_BATCH * 5);
    if (rows.length === 0) break;
    after = rows.at(-1)?.paper_id ?? after;
    const centroids = rebuilt.centroids;
    await moveVectors(
      index.id,
      rows.map((row) => ({ paperId: row.paper_id, list: nearestList(centroids, dims, dequantize(row.vector, 0, dims)) })),
    );
    moved += rows.length;
    options.onProgress?.("lists", moved, stored);
  }
}

/**
 * Trains a model on the catalogue (a random sample of MAX_TRAINING_PAPERS at most), makes it the active
 * one (the previous model and its vectors are removed) and embeds every paper with it.
 */
export async function retrain(options: { log?: Log; onProgress?: Progress; training?: TrainingOptions } = {}) {
  const log = options.log ?? (() => {});
  const papers = await samplePaperTexts(MAX_TRAINING_PAPERS);
  log(`Training a search model on ${papers.length.toLocaleString("en-US")} papers...`);
  const model = trainModel(
    papers.map((paper) => paper.text),
    { ...options.training, onProgress: options.onProgress },
  );
  const id = await saveModel({ model: serializeModel(model), trainedOn: model.trainedOn, dims: model.dims, activate: false });
  await activateModel(id);
  await getActiveIndex({ fresh: true });
  log(
    `Search model ${id} trained (${model.vocabulary.length.toLocaleString("en-US")} words) and active; embedding every paper...`,
  );
  return { model, summary: await embedMissing(options) };
}
