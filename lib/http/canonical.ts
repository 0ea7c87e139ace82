import type { IncomingMessage, ServerResponse } from "node:http";
import { sendError } from "./guards";

/**
 * One address per resource. Next.js decodes and normalises a request's path before it routes it
 * (`/api/auth/callback/%65mail`, `/x/%2e%2e/api/daily_papers` and `/papers/2604%2E26951` reach the same
 * handlers as their plain spellings), while our own guards, read limits and the page cache in front of
 * it see the raw address. So the raw address is made canonical first: a GET of another spelling is
 * redirected to the canonical one, any other method refused, and the guards only ever see one spelling.
 *
 * Canonical means (RFC 3986 §6.2.2): escapes of unreserved characters decoded, other escapes in upper
 * case, no `.`/`..` segments, no empty segments; and, on the pages kept in the shared cache, only the
 * query parameters the page reads (`?cb=123` would otherwise make a new copy of a page per request).
 */

/** Characters that mean the same escaped or not (RFC 3986 §2.3). */
const UNRESERVED = /[A-Za-z0-9\-._~]/;

function normaliseEscapes(path: string): string {
  // A raw backslash is escaped: browsers read `/\\host` in a Location as `//host`, another site.
  return path.replace(/\\/g, "%5C").replace(/%([0-9A-Fa-f]{2})/g, (_match, hex: string) => {
    const character = String.fromCharCode(Number.parseInt(hex, 16));
    return UNRESERVED.test(character) ? character : `%${hex.toUpperCase()}`;
  });
}

/** Removes `.` and `..` segments and empty ones (`//`); a trailing slash is kept for Next.js to redirect. */
function removeDotSegments(path: string): string {
  const segments = path.split("/").slice(1);
  const output: string[] = [];
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === "..") output.pop();
    else if (segment !== "." && (segment !== "" || last)) output.push(segment);
    if (last && (segment === "." || segment === "..")) output.push("");
  });
  return `/${output.join("/")}`;
}

/**
 * The query parameters each shared page reads. A parameter not listed changes nothing on the page, so
 * it is dropped from the address (and with it from the cache key). The API and feeds that read
 * parameters validate them themselves (an unknown one is a 400), so they are not listed.
 */
const PAGE_PARAMETERS: [RegExp, readonly string[]][] = [
  [/^\/$/, []],
  [/^\/papers$/, ["q", "page", "category"]],
  [/^\/papers\/(?:date|week|month)\/[^/]+(?:\/page\/[^/]+)?$/, []],
  [/^\/papers\/trending$/, []],
  // The date picker's form (a redirect to the feed of the day picked).
  [/^\/papers\/date$/, ["day", "kind"]],
  [/^\/papers\/(?!for-you$|submit$)[^/]+$/, []],
  [/^\/papers\/[^/]+\/card\.png$/, []],
  [/^\/authors\/[^/]+$/, ["page"]],
  // Answers of the API and feeds that read no parameter (the others refuse an unknown one).
  [/^\/api\/papers\/(?!search$)[^/]+$/, []],
  [/^\/feeds\/(?:daily|trending)\.xml$/, []],
  [/^\/feeds\/comments\/[^/]+$/, []],
  [/^\/sitemap\.xml$|^\/sitemaps\//, []],
];
/** Next.js's client router asks for a page's data with this parameter (and a header). */
const ROUTER_PARAMETER = "_rsc";

function canonicalQuery(path: string, query: string): string {
  const rule = PAGE_PARAMETERS.find(([pattern]) => pattern.test(path));
  if (!rule || query === "") return query;
  const kept = query
    .slice(1)
    .split("&")
    .filter((pair) => {
      const name = pair.split("=", 1)[0] ?? "";
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, " "));
      } catch {
        return false;
      }
      return decoded === ROUTER_PARAMETER || rule[1].includes(decoded);
    });
  return kept.length === 0 ? "" : `?${kept.join("&")}`;
}

/** The canonical spelling of a request target (`/path?query`), the same string when it already is. */
export function canonicalTarget(target: string): string {
  if (!target.startsWith("/")) return target;
  const queryAt = target.indexOf("?");
  const rawPath = queryAt === -1 ? target : target.slice(0, queryAt);
  const query = queryAt === -1 ? "" : target.slice(queryAt);
  const path = removeDotSegments(normaliseEscapes(rawPath));
  return `${path}${canonicalQuery(path, query)}`;
}

/**
 * Sends a GET or HEAD of another spelling to the canonical address (308), and refuses any other method
 * at a non-canonical path (400): true when it answered. A POST's query is left alone (server actions
 * post to the page's own address).
 */
export function answerNonCanonical(request: IncomingMessage, response: ServerResponse): boolean {
  const target = request.url ?? "/";
  const canonical = canonicalTarget(target);
  if (canonical === target) return false;
  if (request.method === "GET" || request.method === "HEAD") {
    response.writeHead(308, { location: canonical, "content-length": "0", "cache-control": "public, max-age=3600" });
    response.end();
    return true;
  }
  const path = (value: string) => value.split("?", 1)[0];
  if (path(canonical) === path(target)) return false;
  sendError(request, response, 400, `Use the canonical address: ${path(canonical)}`);
  return true;
}
