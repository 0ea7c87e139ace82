/** How long a session lasts, and how often an active one is renewed (next-auth's `maxAge` and `updateAge`). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
export const SESSION_UPDATE_AGE_SECONDS = 24 * 60 * 60;

/** next-auth's session cookie: `__Secure-` prefixed when the site is served over HTTPS. */
export const sessionCookieName = (secure: boolean) => `${secure ? "__Secure-" : ""}next-auth.session-token`;

/** One cookie's value from a Cookie header, or null. */
export function readCookie(header: string | null | undefined, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const separator = part.indexOf("=");
    if (separator > 0 && part.slice(0, separator).trim() === name) {
      const value = part.slice(separator + 1).trim();
      if (!value) return null;
      try {
        return decodeURIComponent(value);
      } catch {
        // A malformed %-escape (`%ff`) is no cookie of ours: signed out, not a 500.
        return null;
      }
    }
  }
  return null;
}
