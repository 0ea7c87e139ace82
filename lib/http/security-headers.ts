import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { oauthProviders } from "@/lib/auth/providers";
import { HYDRATION_LOADER } from "@/lib/page-cache/defer-hydration";
import { isAppScript, SESSION_HINT_SCRIPT } from "./app-scripts";
import { absorbWriteHeadArguments } from "./write-head";

/**
 * Security headers on every response, set by our server (scripts/server.ts) in front of Next.js.
 *
 * The Content-Security-Policy allows scripts by hash: pages are shared copies, the same bytes for
 * every reader (lib/page-cache), so a per-request nonce is not possible, and the few inline scripts
 * (Next.js's RSC payload, the session hint, the deferred-hydration loader) are known once the page is.
 * An HTML answer of Next.js is therefore held until it is complete, its inline scripts hashed, and
 * sent with its policy (a page is ~100 KB: the hold costs well under a millisecond); the page cache
 * stores each copy with the policy of its own bytes (lib/page-cache/handler.ts). Styles stay
 * 'unsafe-inline': KaTeX and React set style attributes, and styles cannot run code.
 * No 'unsafe-eval' in production (Next.js's development server needs it).
 */

export interface SecurityOptions {
  /** APP_URL is https: also HSTS. */
  https: boolean;
  /** `npm run dev`: Next.js's development server evaluates code. */
  dev: boolean;
}

/**
 * A page's bytes as a string of one character a byte (latin1), which is how the functions below read
 * pages: their patterns are ASCII, which UTF-8 keeps as it is, so the markup reads the same; a script
 * is hashed as the very bytes sent; and decoding, editing, hashing and encoding again cost a sixth of
 * what they do as UTF-8 text (a search page is ~100 KB with a few non-ASCII characters, which made V8
 * hold it as two-byte text: ~3.9 -> ~0.6 ms a page, README "Search misses ... fifth pass").
 */
export const pageText = (bytes: Buffer): string => bytes.toString("latin1");
/** The bytes of a page read with pageText. */
export const pageBytes = (text: string): Buffer => Buffer.from(text, "latin1");

const INLINE_SCRIPT = /<script(?![^>]*\ssrc=)([^>]*)>([\s\S]*?)<\/script>/gi;
const NON_JS_TYPE = /\stype="(?!text\/javascript|module|application\/javascript)[^"]*"/i;

/** Our own inline scripts, by their exact text. */
const OWN_SCRIPTS = [SESSION_HINT_SCRIPT, HYDRATION_LOADER];

/**
 * The hashes of a page's inline scripts that the app emits (lib/http/app-scripts.ts), as CSP sources
 * ('sha256-...'). Any other inline script is left out, so the browser will not run it. `html` is the
 * page read with pageText: each script is hashed as the bytes the browser receives.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    const [, attributes = "", body = ""] = match;
    if (NON_JS_TYPE.test(attributes) || body === "" || !isAppScript(body, OWN_SCRIPTS)) continue;
    hashes.add(`'sha256-${createHash("sha256").update(body, "latin1").digest("base64")}'`);
  }
  return [...hashes];
}

let formActionSource: string | null = null;
/** Where forms may lead: here, and the configured OAuth providers (the sign-in page's buttons, lib/auth/sign-in-actions.ts). */
const formAction = () => {
  formActionSource ??= `form-action ${["'self'", ...oauthProviders().map((provider) => provider.origin)].join(" ")}`;
  return formActionSource;
};

/**
 * The policy of an HTML page (read with pageText): its own inline scripts by hash, scripts from this
 * origin, nothing else.
 */
export function pagePolicy(html: string, options: Pick<SecurityOptions, "dev">): string {
  const scripts = ["'self'", ...inlineScriptHashes(html), ...(options.dev ? ["'unsafe-eval'", "'unsafe-inline'"] : [])];
  return [
    "default-src 'self'",
    `script-src ${scripts.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self'${options.dev ? " ws: wss:" : ""}`,
    "frame-src 'self'",
    "frame-ancestors 'none'",
    formAction(),
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** Anything that is not a page (JSON, RSS, images, scripts): nothing may run or be framed. */
export const NON_PAGE_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

export function baseSecurityHeaders(options: SecurityOptions): Record<string, string> {
  return {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
    "cross-origin-opener-policy": "same-origin",
    ...(options.https ? { "strict-transport-security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

const isHtml = (response: ServerResponse) => String(response.getHeader("content-type") ?? "").startsWith("text/html");

/**
 * Sets the security headers on this response, whoever answers it: the fixed ones at once; the policy
 * when the answer's headers are known (for a page of Next.js, once its body is complete). A response
 * that already carries a policy (a cached copy) keeps it.
 */
export function applySecurityHeaders(request: IncomingMessage, response: ServerResponse, options: SecurityOptions) {
  for (const [name, value] of Object.entries(baseSecurityHeaders(options))) response.setHeader(name, value);
  const writeHead = response.writeHead;
  const write = response.write;
  const end = response.end;
  let mode: "undecided" | "pass" | "hold" = "undecided";
  let held: number | null = null;
  const chunks: Buffer[] = [];

  const decide = () => {
    if (mode !== "undecided") return;
    if (response.getHeader("content-security-policy") !== undefined) mode = "pass";
    else if (isHtml(response) && response.getHeader("content-encoding") === undefined && request.method !== "HEAD") mode = "hold";
    else {
      response.setHeader("content-security-policy", isHtml(response) ? pagePolicy("", options) : NON_PAGE_POLICY);
      mode = "pass";
    }
  };
  const toBuffer = (chunk: unknown, encoding: unknown) =>
    typeof chunk === "string"
      ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
      : Buffer.from(chunk as Uint8Array);

  const flushHeaders = response.flushHeaders;
  response.flushHeaders = function (this: ServerResponse) {
    decide();
    if (mode !== "hold") flushHeaders.call(this);
  };

  response.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    // Headers handed to writeHead are set first, so that the policy sees the content type.
    absorbWriteHeadArguments(this, rest);
    decide();
    if (mode === "hold") {
      held = status;
      return this;
    }
    return writeHead.call(this, status);
  } as typeof response.writeHead;

  response.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    decide();
    if (mode !== "hold") return write.apply(this, [chunk, ...rest] as unknown as Parameters<typeof write>);
    chunks.push(toBuffer(chunk, rest[0]));
    const callback = rest.find((arg) => typeof arg === "function") as (() => void) | undefined;
    callback?.();
    return true;
  } as typeof response.write;

  response.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    decide();
    if (mode !== "hold") return end.apply(this, [chunk, ...rest] as unknown as Parameters<typeof end>);
    if (chunk !== undefined && chunk !== null && typeof chunk !== "function") chunks.push(toBuffer(chunk, rest[0]));
    const body = Buffer.concat(chunks);
    this.setHeader("content-security-policy", pagePolicy(pageText(body), options));
    if (!this.headersSent) {
      if (this.getHeader("transfer-encoding") === undefined) this.setHeader("content-length", String(body.length));
      writeHead.call(this, held ?? this.statusCode);
    }
    const callback = [chunk, ...rest].find((arg) => typeof arg === "function") as (() => void) | undefined;
    if (callback) this.once("finish", callback);
    return (end as (this: ServerResponse, chunk: Buffer) => ServerResponse).call(this, body);
  } as typeof response.end;
}
