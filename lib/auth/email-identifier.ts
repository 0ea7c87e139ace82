/**
 * The one spelling of an address that signs in, used by next-auth (EmailProvider's
 * normalizeIdentifier, lib/auth/options.ts) and by the per-address sign-in limits before it
 * (app/api/auth/[...nextauth]/route.ts), so that the limits count what next-auth sends mail to:
 * `Victim@X.org`, ` victim@x.org` and `victim@x.org,1` are one address. The rules are next-auth's own
 * default: NFKC, trimmed, lower case, one "@", no quote, the domain cut at a comma and holding a dot.
 */
export function normaliseEmailIdentifier(identifier: unknown): string {
  if (typeof identifier !== "string") throw new Error("Invalid email address format.");
  const trimmed = identifier.normalize("NFKC").trim();
  if ((trimmed.match(/@/g) ?? []).length !== 1 || trimmed.includes('"')) throw new Error("Invalid email address format.");
  const [local = "", rawDomain = ""] = trimmed.toLowerCase().split("@");
  const domain = rawDomain.split(",")[0] ?? "";
  if (!local || !domain.includes(".")) throw new Error("Invalid email address format.");
  return `${local}@${domain}`;
}

/** The address a sign-in request asks for, as next-auth will read it (null when it will refuse it). */
export function signInIdentifier(body: Record<string, unknown> | null): string | null {
  try {
    return normaliseEmailIdentifier(body?.email);
  } catch {
    return null;
  }
}

/**
 * A POST body as next-auth's route handler reads it (next-auth/next/utils.js getBody): JSON when the
 * content type says JSON, a form (the last of repeated fields wins) when it says form, else nothing.
 */
export async function readAuthBody(request: Request): Promise<Record<string, unknown> | null> {
  const type = request.headers.get("content-type") ?? "";
  const text = await request
    .clone()
    .text()
    .catch(() => null);
  if (text === null) return null;
  if (type.includes("application/json")) {
    try {
      const parsed: unknown = JSON.parse(text);
      return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }
  if (type.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  return null;
}
