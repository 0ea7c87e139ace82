import "server-only";
import { db } from "@/lib/db";

/** Stores a model; `activate` makes it the one search uses (the previous one stays until removed). */
export async function saveModel(fields: { model: Uint8Array; trainedOn: number; dims: number; activate: boolean }) {
  return db.$transaction(async (tx) => {
    if (fields.activate) await tx.$executeRaw`UPDATE search_models SET active = false WHERE active`;
    const [row] = await tx.$queryRaw<{ id: number }[]>`
      INSERT INTO search_models (trained_on, dims, model, active)
      VALUES (${fields.trainedOn}, ${fields.dims}, ${Buffer.from(fields.model)}, ${fields.activate})
      RETURNING id`;
    if (!row) throw new Error("search model not stored");
    return row.id;
  });
}

/** Makes a model the active one and removes every other (their vectors go with them). */
export async function activateModel(id: number) {
  await db.$transaction([
    db.$executeRaw`UPDATE search_models SET active = false WHERE active AND id <> ${id}`,
    db.$executeRaw`UPDATE search_models SET active = true WHERE id = ${id}`,
    db.$executeRaw`DELETE FROM search_models WHERE id <> ${id}`,
  ]);
}

/** The IVF centroids of a model, and how many papers had vectors when they were computed. */
export async function saveCentroids(modelId: number, centroids: Float32Array, lists: number, indexedPapers: number) {
  await db.$executeRaw`
    UPDATE search_models
    SET lists = ${lists}, centroids = ${Buffer.from(centroids.buffer, centroids.byteOffset, centroids.byteLength)},
        indexed_papers = ${indexedPapers}
    WHERE id = ${modelId}`;
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");

/**
 * Stores vectors (a paper has one: a new model's vector replaces the old one). Skips papers deleted
 * meanwhile, and any whose title or abstract changed since they were read (`hash`, whoever changed
 * them): the next pass embeds the new words.
 */
export async function writeVectors(
  modelId: number,
  rows: readonly { paperId: number; hash: string; list: number; vector: Uint8Array }[],
) {
  if (rows.length === 0) return 0;
  return db.$executeRaw`
    INSERT INTO paper_vectors (paper_id, model_id, list, vector)
    SELECT x.id, ${modelId}, x.list, decode(x.vector, 'hex')
    FROM unnest(
      ${rows.map((row) => row.paperId)}::int[], ${rows.map((row) => row.hash)}::text[],
      ${rows.map((row) => row.list)}::int[], ${rows.map((row) => hex(row.vector))}::text[]
    ) AS x(id, hash, list, vector)
    JOIN papers p ON p.id = x.id AND md5(p.title || E'\\n' || p.abstract) = x.hash
    ON CONFLICT (paper_id) DO UPDATE SET model_id = EXCLUDED.model_id, list = EXCLUDED.list, vector = EXCLUDED.vector`;
}

/** Files vectors under other lists (after new centroids). */
export async function moveVectors(modelId: number, moves: readonly { paperId: number; list: number }[]) {
  if (moves.length === 0) return;
  await db.$executeRaw`
    UPDATE paper_vectors v SET list = x.list
    FROM unnest(${moves.map((move) => move.paperId)}::int[], ${moves.map((move) => move.list)}::int[]) AS x(id, list)
    WHERE v.paper_id = x.id AND v.model_id = ${modelId} AND v.list <> x.list`;
}
