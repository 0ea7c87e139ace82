import type { IncomingMessage } from "node:http";
import { appUrl } from "@/lib/env";

/** A Node request's headers as Web Headers (for the checks below, run before Next.js). */
export function webHeaders(request: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) if (typeof value === "string") headers.set(name, value);
  return headers;
}

/**
 * The client's address. Our server (scripts/server.ts) overwrites X-Forwarded-For with the socket's
 * address unless TRUST_PROXY is set, so a client cannot claim to be someone else by sending the header.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for") ?? "";
  const last = forwarded.split(",").at(-1)?.trim();
  return last || "unknown";
}

/**
 * A mutating request from another site is refused. Browsers send Origin (and Sec-Fetch-Site) on
 * cross-site requests; scripts (curl) send neither and are allowed, since they hold their own cookie.
 */
export function isCrossSite(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin && origin !== "null") {
    const allowed = new Set([new URL(appUrl).origin]);
    const host = headers.get("host");
    if (host) allowed.add(`${new URL(appUrl).protocol}//${host}`);
    return !allowed.has(origin);
  }
  if (origin === "null") return true;
  return headers.get("sec-fetch-site") === "cross-site";
}

/**
 * Same-origin paths only: "/papers/x" yes; "//evil.com", "https://evil.com", "javascript:" no. The
 * answer is a path a browser resolves to this origin whatever it is put after: never one starting
 * with "//" or "/\\" (which a browser reads as another host), however the input spelt it
 * ("/.//evil", "/..//evil", "/./\\evil", "<APP_URL>//evil" all resolve to such a path).
 */
export function safeReturnPath(value: string | null | undefined, fallback = "/"): string {
  if (!value) return fallback;
  try {
    const base = new URL(appUrl);
    const url = new URL(value, base);
    if (url.origin !== base.origin) return fallback;
    const path = `${url.pathname}${url.search}${url.hash}`;
    if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback;
    // The invariant itself: resolved against any other origin, the path stays on it.
    const probe = "http://origin.invalid";
    return new URL(path, probe).origin === probe ? path : fallback;
  } catch {
    return fallback;
  }
}

/** A path segment decoded ("2307.04990%76%32" is "2307.04990v2"); one with a malformed %-escape stays as it is. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
