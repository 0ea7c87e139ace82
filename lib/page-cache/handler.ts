import type { IncomingMessage, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/auth/cookies";
import { pageBytes, pagePolicy, pageText } from "@/lib/http/security-headers";
import { absorbWriteHeadArguments } from "@/lib/http/write-head";
import { collectResponseInfo, newResponseInfo, type ResponseCacheInfo } from "./collector";
import { deferHydration } from "./defer-hydration";
import { type CachedEntry, MIN_GZIP_BYTES, type PageCache } from "./store";

export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

export interface PageCacheHandlerOptions {
  cache: PageCache;
  /** Whether changes are being heard (lib/page-cache/invalidation.ts): if not, the cache is bypassed. */
  isLive: () => boolean;
  /** Next.js's request handler. */
  render: RequestHandler;
  /** Responses larger than this are not kept. */
  maxEntryBytes?: number;
  /** The site is served over HTTPS: the hint cookie gets `Secure`. */
  secure?: boolean;
}

/** Requests of Next.js's client router (RSC payloads, prefetches, server actions) are never answered from the cache. */
const ROUTER_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-action"];
const DEFAULT_MAX_ENTRY_BYTES = 2 * 1024 * 1024;

/**
 * Set while a reader has a session, readable by scripts (the session cookie itself is httpOnly): the
 * shared copy of a page is the same for everyone, and this tells its scripts whether to load the
 * reader's own state (GET /api/viewer) and to keep the "Sign in" button hidden until then.
 */
export const SESSION_HINT_COOKIE = "dp_session";
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?next-auth\.session-token=[^;]/;
const SESSION_HINT = new RegExp(`(?:^|;\\s*)${SESSION_HINT_COOKIE}=1`);

/** Headers of a rendered response that are not replayed from the cache (set per answer, or per reader). */
const UNREPLAYED = new Set([
  "set-cookie",
  "date",
  "connection",
  // Each answer has its own (scripts/server.ts).
  "x-request-id",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
  "etag",
  "vary",
  "cache-control",
  "x-powered-by",
  "x-nextjs-cache",
  "x-nextjs-prerender",
  "x-nextjs-stale-time",
  "x-ratelimit-remaining",
]);
/** Of those, what belongs to this answer and goes out with it, hit or miss. */
const PER_ANSWER = new Set(["set-cookie", "date", "connection", "keep-alive", "x-request-id"]);
/** Shared copies: any cache may keep them, but must ask again each time (cheap: an ETag, so a 304). */
const SHARED_CACHE_CONTROL = "public, max-age=0, must-revalidate";

export function isCacheCandidate(request: IncomingMessage): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const url = request.url ?? "/";
  if (url.startsWith("/_next/") || url.includes("_rsc=")) return false;
  if (request.headers.authorization !== undefined) return false;
  return ROUTER_HEADERS.every((header) => request.headers[header] === undefined);
}

/** The hint cookie to set or clear so that it follows the session cookie, or null when it already does. */
export function sessionHintCookie(cookieHeader: string | undefined, secure = false): string | null {
  const cookies = cookieHeader ?? "";
  const session = SESSION_COOKIE.test(cookies);
  const hint = SESSION_HINT.test(cookies);
  if (session === hint) return null;
  const attributes = `Path=/; SameSite=Lax${secure ? "; Secure" : ""}`;
  return session
    ? `${SESSION_HINT_COOKIE}=1; ${attributes}; Max-Age=${SESSION_MAX_AGE_SECONDS}`
    : `${SESSION_HINT_COOKIE}=; ${attributes}; Max-Age=0`;
}

/**
 * Whether the client takes gzip (RFC 9110 §12.5.3): `gzip` (or `x-gzip`, or else `*`) listed with a
 * weight above 0. `gzip;q=0` says no, as does a header that lists only other codings.
 */
export function acceptsGzip(request: Pick<IncomingMessage, "headers">): boolean {
  const accept = request.headers["accept-encoding"];
  if (typeof accept !== "string") return false;
  let gzip: number | undefined;
  let any: number | undefined;
  for (const part of accept.split(",")) {
    const [coding = "", ...parameters] = part.split(";").map((piece) => piece.trim().toLowerCase());
    const q = parameters.find((parameter) => parameter.startsWith("q="));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (coding === "gzip" || coding === "x-gzip") gzip = Math.max(gzip ?? 0, weight);
    else if (coding === "*") any = weight;
  }
  const weight = gzip ?? any ?? 0;
  return Number.isFinite(weight) && weight > 0;
}

function matchesEtag(request: IncomingMessage, etag: string): boolean {
  const header = request.headers["if-none-match"];
  return typeof header === "string" && header.split(",").some((candidate) => candidate.trim() === etag);
}

function serve(
  cache: PageCache,
  entry: CachedEntry,
  state: "HIT" | "STALE" | "MISS",
  request: IncomingMessage,
  response: ServerResponse,
) {
  const headers: Record<string, string> = { ...entry.headers, etag: entry.etag, vary: "Accept-Encoding", "x-page-cache": state };
  if (matchesEtag(request, entry.etag)) {
    response.writeHead(304, headers);
    response.end();
    return;
  }
  // Images (social cards) are compressed already.
  const compressible = !String(entry.headers["content-type"] ?? "").startsWith("image/");
  const gzip = compressible && acceptsGzip(request) ? cache.gzipOf(entry) : null;
  const body = gzip ?? entry.body;
  if (gzip) headers["content-encoding"] = "gzip";
  headers["content-length"] = String(body.length);
  response.writeHead(200, headers);
  response.end(request.method === "HEAD" ? undefined : body);
}

function replayableHeaders(response: ServerResponse): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.getHeaders())) {
    if (value === undefined || UNREPLAYED.has(name)) continue;
    headers[name] = Array.isArray(value) ? value.join(", ") : String(value);
  }
  const cacheControl = String(response.getHeader("cache-control") ?? "");
  headers["cache-control"] = cacheControl.startsWith("public") ? cacheControl : SHARED_CACHE_CONTROL;
  return headers;
}

const toBuffer = (chunk: unknown, encoding: unknown): Buffer =>
  typeof chunk === "string"
    ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
    : Buffer.from(chunk as Uint8Array);

/**
 * Holds back everything written to the response until it ends, so that a render that turns out to be
 * shared goes out exactly as its kept copy will (deferred scripts, gzip, ETag, cacheable headers):
 * the first reader of a page, often the only one on a quiet instance, gets what every later one gets.
 * `finish` is handed the whole body and answers with the original methods back in place; a body that
 * outgrows `limit` is let through as it comes, from then on, and `finish(null)` says so.
 */
function holdUntilEnd(response: ServerResponse, limit: number, finish: (body: Buffer | null) => void) {
  const chunks: Buffer[] = [];
  let size = 0;
  // What was there before: the prototype's methods, or wrappers installed before this one (the
  // security headers' policy is set in a writeHead wrapper): put back as they were, never deleted.
  const saved = {
    writeHead: response.writeHead,
    write: response.write,
    end: response.end,
    flushHeaders: response.flushHeaders,
  };
  const restore = () => {
    Object.assign(response, saved);
  };
  const letThrough = () => {
    restore();
    response.writeHead(response.statusCode);
    for (const chunk of chunks.splice(0)) response.write(chunk);
  };
  const add = (chunk: unknown, encoding: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === "function") return;
    const buffer = toBuffer(chunk, encoding);
    size += buffer.length;
    chunks.push(buffer);
  };
  const callbackIn = (rest: unknown[]) => rest.find((arg): arg is () => void => typeof arg === "function");
  response.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    this.statusCode = status;
    absorbWriteHeadArguments(this, rest);
    return this;
  } as typeof response.writeHead;
  response.flushHeaders = () => {};
  response.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    add(chunk, rest[0]);
    callbackIn(rest)?.();
    if (size > limit) {
      letThrough();
      finish(null);
    }
    return true;
  } as typeof response.write;
  response.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    add(chunk, rest[0]);
    const callback = callbackIn(rest);
    if (callback) this.once("finish", callback);
    if (size > limit) {
      letThrough();
      this.end();
      finish(null);
    } else {
      restore();
      finish(Buffer.concat(chunks));
    }
    return this;
  } as typeof response.end;
}

const COMPRESSIBLE = /^(?:text\/|application\/(?:json|xml|rss\+xml|atom\+xml|javascript)\b)/;

/**
 * A response that is not kept (one reader's page, a redirect, an error), held until it ended: its
 * scripts deferred when the page said it works without them (deferScripts), and gzip when the reader
 * takes it, as a kept page would be (Next.js was asked for plain bytes).
 */
function answerUnkept(request: IncomingMessage, response: ServerResponse, bytes: Buffer, deferScripts: boolean) {
  let body = bytes;
  const type = String(response.getHeader("content-type") ?? "");
  if (type.startsWith("text/html") && bytes.length > 0 && !response.hasHeader("content-encoding")) {
    const html = pageText(bytes);
    const page = deferScripts && response.statusCode === 200 ? deferHydration(html) : null;
    if (page !== null) body = pageBytes(page);
    // The policy allows the inline scripts of the bytes sent (the security headers cannot read them gzipped).
    response.setHeader("content-security-policy", pagePolicy(page ?? html, { dev: false }));
  }
  if (
    body.length >= MIN_GZIP_BYTES &&
    COMPRESSIBLE.test(type) &&
    !response.hasHeader("content-encoding") &&
    acceptsGzip(request)
  ) {
    body = gzipSync(body);
    response.setHeader("content-encoding", "gzip");
    const vary = response.getHeader("vary");
    response.setHeader("vary", vary ? `${String(vary)}, Accept-Encoding` : "Accept-Encoding");
  }
  if (response.hasHeader("content-length")) response.setHeader("content-length", String(body.length));
  response.writeHead(response.statusCode);
  response.end(body);
}

/**
 * The shared page cache in front of Next.js. A GET whose answer is cached is answered from memory
 * without reaching Next.js (gzip and ETag/304 included); any other is rendered by Next.js, and its
 * answer kept when the render declared it shared (lib/page-cache/collector.ts), answered 200 and set
 * no cookie. Everything else (router requests, server actions, POSTs, assets) goes straight through.
 */
export function createPageCacheHandler(options: PageCacheHandlerOptions): RequestHandler {
  const { cache, render } = options;
  const maxEntryBytes = options.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES;

  const renderAndKeep = async (request: IncomingMessage, response: ServerResponse, key: string, refreshing: boolean) => {
    const info: ResponseCacheInfo = newResponseInfo();
    const startedAt = cache.now();
    const hint = response.getHeader("set-cookie");
    // Our own compression, once per copy: Next.js must hand over the plain bytes.
    const acceptEncoding = request.headers["accept-encoding"];
    delete request.headers["accept-encoding"];
    let settled = false;
    // Cut off before it ended (the reader went away, the render failed): the next request refreshes.
    response.once("close", () => {
      if (!settled && refreshing) cache.settleRefresh(key, "error");
    });
    holdUntilEnd(response, maxEntryBytes, (bytes) => {
      settled = true;
      const setsCookie = response.getHeader("set-cookie") !== hint;
      const keep =
        bytes !== null && response.statusCode === 200 && info.shared && !info.private && !setsCookie && options.isLive();
      if (acceptEncoding !== undefined) request.headers["accept-encoding"] = acceptEncoding;
      if (!keep) {
        if (refreshing) cache.settleRefresh(key, bytes === null || response.statusCode >= 500 ? "error" : "gone");
        if (bytes !== null) answerUnkept(request, response, bytes, info.deferScripts);
        return;
      }
      const headers = replayableHeaders(response);
      const html = headers["content-type"]?.startsWith("text/html") ? pageText(bytes) : null;
      const page = html === null ? null : deferHydration(html);
      // The policy allows the inline scripts of the bytes kept (the loader of deferred hydration too).
      if (html !== null) headers["content-security-policy"] = pagePolicy(page ?? html, { dev: false });
      const entry = cache.store(
        key,
        {
          headers,
          body: page === null ? bytes : pageBytes(page),
          etag: typeof response.getHeader("etag") === "string" ? String(response.getHeader("etag")) : undefined,
          tags: [...info.tags],
          maxAgeMs: info.maxAgeSeconds * 1000,
        },
        startedAt,
      );
      // Answered as the copy will be: what Next.js set that a copy does not replay goes (its
      // cache-control, vary and etag above all); what this answer has of its own stays.
      for (const name of response.getHeaderNames())
        if (UNREPLAYED.has(name) && !PER_ANSWER.has(name)) response.removeHeader(name);
      serve(cache, entry, "MISS", request, response);
    });
    await collectResponseInfo(info, () => render(request, response));
  };

  return async (request, response) => {
    if (!isCacheCandidate(request)) return render(request, response);
    const hint = sessionHintCookie(request.headers.cookie, options.secure);
    if (hint) response.setHeader("set-cookie", hint);
    if (!options.isLive()) return render(request, response);
    const key = request.url ?? "/";
    if (request.method === "HEAD") {
      const entry = cache.peek(key);
      if (entry) return serve(cache, entry, entry.staleSince === null ? "HIT" : "STALE", request, response);
      return render(request, response);
    }
    const found = cache.lookup(key);
    if (found.kind === "hit") return serve(cache, found.entry, "HIT", request, response);
    if (found.kind === "stale") return serve(cache, found.entry, "STALE", request, response);
    return renderAndKeep(request, response, key, found.kind === "refresh");
  };
}

/**
 * While the database is away: the copy kept of a shared page, marked stale (`x-page-cache: STALE`;
 * changes made meanwhile are not heard), instead of a 503. False when there is none: the caller
 * answers 503 as for anything that needs the database.
 */
export function serveKeptCopy(cache: PageCache, request: IncomingMessage, response: ServerResponse): boolean {
  if (!isCacheCandidate(request)) return false;
  const entry = cache.peek(request.url ?? "/");
  if (!entry) return false;
  serve(cache, entry, "STALE", request, response);
  return true;
}
