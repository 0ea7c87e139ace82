import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import type { ReadableStream } from "node:stream/web";
import { createGunzip } from "node:zlib";

const FETCH_TIMEOUT_MS = 60_000;

export const isUrl = (location: string) => /^https?:\/\//i.test(location);
const isGzip = (location: string, contentType?: string | null) => /\.gz($|\?)/i.test(location) || /gzip/i.test(contentType ?? "");

export interface OpenSource {
  /** The content (gunzipped when the source ends in .gz). */
  stream: Readable;
  /** The source's size in bytes when known (compressed size for .gz), and how much of it was read. */
  size: number | null;
  bytesRead(): number;
}

/** A file or URL as a byte stream. */
export async function openSource(location: string): Promise<OpenSource> {
  let raw: Readable;
  let size: number | null;
  let gzip: boolean;
  if (isUrl(location)) {
    let response: Response;
    try {
      response = await fetch(location, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    } catch (error) {
      throw new Error(`Could not download ${location}: ${(error as Error).message}`);
    }
    if (!response.ok || !response.body) throw new Error(`Could not download ${location}: HTTP ${response.status}`);
    raw = Readable.fromWeb(response.body as ReadableStream);
    size = Number(response.headers.get("content-length")) || null;
    gzip = isGzip(location, response.headers.get("content-type"));
  } else {
    const info = await stat(location).catch(() => null);
    if (!info?.isFile()) throw new Error(`No such file: ${location}`);
    raw = createReadStream(location);
    size = info.size;
    gzip = isGzip(location);
  }
  let read = 0;
  raw.on("data", (chunk: Buffer) => {
    read += chunk.length;
  });
  return { stream: gzip ? raw.pipe(createGunzip()) : raw, size, bytesRead: () => read };
}

/** The whole source as text (for JSON documents). */
export async function readSourceText(location: string): Promise<string> {
  const { stream } = await openSource(location);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The source line by line, streamed: constant memory, so a multi-gigabyte snapshot fits. */
export async function* readSourceLines(
  location: string,
): AsyncGenerator<{ line: string; number: number; progress: number | null }> {
  const source = await openSource(location);
  const lines = createInterface({ input: source.stream, crlfDelay: Number.POSITIVE_INFINITY });
  let number = 0;
  for await (const line of lines) {
    number += 1;
    yield { line, number, progress: source.size ? Math.min(1, source.bytesRead() / source.size) : null };
  }
}
