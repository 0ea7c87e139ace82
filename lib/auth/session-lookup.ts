import "server-only";
import { appUrl } from "@/lib/env";
import { readCookie, SESSION_MAX_AGE_SECONDS, SESSION_UPDATE_AGE_SECONDS, sessionCookieName } from "./cookies";
import { getSessionByToken } from "./data";
import { deleteSession, extendSession } from "./mutations";

export interface CurrentUser {
  id: string;
  email: string | null;
  name: string | null;
}

export interface SessionLookup {
  user: CurrentUser | null;
  /** A Set-Cookie header to send with the answer: the session cookie renewed, or cleared. */
  setCookie: string | null;
}

const secure = appUrl.startsWith("https:");
const cookieName = sessionCookieName(secure);

function sessionCookie(value: string, expires: Date): string {
  return `${cookieName}=${encodeURIComponent(value)}; Path=/; Expires=${expires.toUTCString()}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/**
 * The signed-in user of a request, from its session cookie: the database session next-auth created
 * at sign-in (next-auth keeps the sign-in and sign-out flows; reading a session is one indexed query,
 * which next-auth's getServerSession wraps in far more work). Next-auth's rules hold: an expired
 * session is deleted and its cookie cleared; with `renew`, an active one older than
 * SESSION_UPDATE_AGE_SECONDS gets a new expiry and a renewed cookie (at most once a day).
 */
export async function lookupSession(
  cookieHeader: string | null | undefined,
  options: { renew?: boolean } = {},
): Promise<SessionLookup> {
  const token = readCookie(cookieHeader, cookieName);
  if (!token) return { user: null, setCookie: null };
  const session = await getSessionByToken(token);
  const now = Date.now();
  if (!session || session.expires.getTime() < now) {
    if (session && options.renew) await deleteSession(token);
    return { user: null, setCookie: options.renew ? sessionCookie("", new Date(0)) : null };
  }
  const user = { id: session.userId, email: session.email, name: session.name };
  const dueForRenewal = session.expires.getTime() - SESSION_MAX_AGE_SECONDS * 1000 + SESSION_UPDATE_AGE_SECONDS * 1000 <= now;
  if (!options.renew || !dueForRenewal) return { user, setCookie: null };
  const expires = new Date(now + SESSION_MAX_AGE_SECONDS * 1000);
  await extendSession(token, expires);
  return { user, setCookie: sessionCookie(token, expires) };
}
