import os from "node:os";
import { appUrl, env } from "@/lib/env";

/**
 * The address readers use, for the links the app writes into answers that leave the page (the
 * sign-in email, redirects). With APP_URL set, that; otherwise the app answers wherever it is
 * opened on this machine (localhost, 127.0.0.1, the machine's LAN name or address), and links follow
 * the address the reader used, so that a cookie set on one is read on the same one.
 *
 * Only names of this machine are taken from the Host header: any other (a client can send any) falls
 * back to the default, so nobody can have a sign-in link for someone else point at their own server.
 */

/** APP_URL (or its default, `configured` false), and whether a proxy in front is trusted. */
export interface Settings {
  appUrl: string;
  configured: boolean;
  trustProxy: boolean;
}
const fromEnv = (): Settings => ({ appUrl, configured: Boolean(env.APP_URL), trustProxy: env.TRUST_PROXY });

/** "localhost:3000" as { hostname: "localhost", host: "localhost:3000" }; null for anything that is not a bare host[:port]. */
export function parseHost(header: string | null | undefined): { hostname: string; host: string } | null {
  if (!header || header.length > 255) return null;
  try {
    const url = new URL(`http://${header}`);
    if (url.username || url.password || url.pathname !== "/" || url.search || url.hash) return null;
    if (url.host !== header.toLowerCase()) return null;
    return { hostname: url.hostname.replace(/^\[|\]$/g, ""), host: url.host };
  } catch {
    return null;
  }
}

let ownNames: Set<string> | null = null;

/** The names and addresses this machine answers to (read once). */
function machineNames(): Set<string> {
  if (ownNames) return ownNames;
  const names = new Set(["localhost", "::1"]);
  const hostname = os.hostname().toLowerCase();
  if (hostname) {
    names.add(hostname);
    // Its multicast-DNS name on a LAN (macOS, Avahi).
    if (!hostname.includes(".")) names.add(`${hostname}.local`);
  }
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const address of addresses ?? []) names.add(address.address.toLowerCase().replace(/%.*$/, ""));
  }
  ownNames = names;
  return names;
}

/** Whether `hostname` (no port, no brackets) names this machine. */
export function isMachineName(hostname: string): boolean {
  const name = hostname.toLowerCase();
  return name.endsWith(".localhost") || /^127(\.\d{1,3}){3}$/.test(name) || machineNames().has(name);
}

/** The origin links should use for a request that came with this Host header. */
export function publicOrigin(hostHeader: string | null | undefined, settings: Settings = fromEnv()): string {
  if (settings.configured) return settings.appUrl;
  const host = parseHost(hostHeader);
  return host && isMachineName(host.hostname) ? `http://${host.host}` : settings.appUrl;
}

/** Headers only a proxy adds: a browser's own request has none of them. */
const PROXY_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "forwarded", "x-real-ip", "via"];

export function cameThroughProxy(headers: Record<string, string | string[] | undefined>): boolean {
  return PROXY_HEADERS.some((name) => headers[name] !== undefined);
}

/**
 * Where a request for another name of this machine should go instead, when APP_URL names this machine
 * too (http://localhost:3000 set, the app opened at 127.0.0.1): one name, so that cookies and links
 * agree. Null for everything else: a request for APP_URL's own host; anything that came through a
 * proxy (TRUST_PROXY set, or a forwarding header), which owns the names and may hand us its own
 * upstream address as the Host; an APP_URL that is a public name (a proxy in front, surely).
 */
export function canonicalHostRedirect(
  hostHeader: string | undefined,
  path: string,
  proxied: boolean,
  settings: Settings = fromEnv(),
): string | null {
  if (!settings.configured || settings.trustProxy || proxied) return null;
  const wanted = new URL(settings.appUrl);
  if (!isMachineName(wanted.hostname.replace(/^\[|\]$/g, ""))) return null;
  const host = parseHost(hostHeader);
  if (!host || host.host === wanted.host || !isMachineName(host.hostname)) return null;
  return `${wanted.origin}${path.startsWith("/") ? path : "/"}`;
}
