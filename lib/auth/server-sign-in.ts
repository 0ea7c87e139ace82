import "server-only";
import { cookies, headers } from "next/headers";
import { NextRequest } from "next/server";
import { requestPublicOrigin } from "@/lib/http/request-origin";
import { type AuthContext, authGet, authPost } from "./handler";
import type { OAuthProvider } from "./providers";

/** Headers of the reader's request that next-auth's route reads (its host, the client's address). */
const PASSED_ON = ["host", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "user-agent"];

/** Sent, or not: with the status next-auth's route answered (429 when over a sign-in limit). */
export type EmailSignInOutcome = { ok: true } | { ok: false; status: number };

const route = (...segments: string[]): AuthContext => ({ params: Promise.resolve({ nextauth: segments }) });

/**
 * The cookies an answer of next-auth sets, set on the answer being made (a server action's): its CSRF
 * cookie, read by the next call in this request as well (Next.js's cookie store reads what was set).
 */
async function adoptCookies(answer: Response) {
  const store = await cookies();
  for (const line of answer.headers.getSetCookie()) {
    const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
    const eq = pair.indexOf("=");
    if (eq <= 0) continue;
    const flags = attributes.map((attribute) => attribute.toLowerCase());
    const maxAge = flags.find((flag) => flag.startsWith("max-age="));
    store.set({
      name: pair.slice(0, eq),
      value: decodeURIComponent(pair.slice(eq + 1)),
      path: "/",
      httpOnly: flags.includes("httponly"),
      secure: flags.includes("secure"),
      sameSite: "lax",
      ...(maxAge ? { maxAge: Number(maxAge.slice("max-age=".length)) } : {}),
    });
  }
}

/** Where next-auth's answer sends the browser, or the status it answered with. */
type SignInAnswer = { ok: true; url: URL } | { ok: false; status: number };

/**
 * What next-auth's client does in the browser, done from the server through our own route
 * (app/api/auth/[...nextauth]), limits included: read a CSRF token, then POST the sign-in with it.
 * The cookies next-auth sets on the way (its CSRF token; for OAuth the state and PKCE checks, and the
 * page to come back to) are set on the answer being made, so that sign-in forms work before the page's
 * scripts have loaded, and without them.
 */
async function signInThroughAuthRoute(provider: string, fields: Record<string, string>): Promise<SignInAnswer> {
  const origin = await requestPublicOrigin();
  const incoming = await headers();
  const passed = new Headers();
  for (const name of PASSED_ON) {
    const value = incoming.get(name);
    if (value !== null) passed.set(name, value);
  }
  const csrf = await authGet(new NextRequest(new URL("/api/auth/csrf", origin), { headers: passed }), route("csrf"));
  const { csrfToken } = (await csrf.json().catch(() => ({}))) as { csrfToken?: string };
  if (!csrf.ok || !csrfToken) return { ok: false, status: csrf.status };
  await adoptCookies(csrf);
  passed.set("content-type", "application/x-www-form-urlencoded");
  const answer = await authPost(
    new NextRequest(new URL(`/api/auth/signin/${provider}`, origin), {
      method: "POST",
      headers: passed,
      body: new URLSearchParams({ ...fields, csrfToken, json: "true" }).toString(),
    }),
    route("signin", provider),
  );
  await adoptCookies(answer);
  const body = (await answer.json().catch(() => null)) as { url?: string } | null;
  // Refused: next-auth's error page, or its sign-in page with `csrf=true` (the token was refused).
  const url = body?.url ? new URL(body.url, origin) : null;
  if (!answer.ok || !url || url.searchParams.has("error") || url.searchParams.has("csrf")) {
    return { ok: false, status: answer.ok ? 500 : answer.status };
  }
  return { ok: true, url };
}

/** Asks next-auth for a magic link (sent: its answer leads to its "check your email" page). */
export async function requestEmailSignIn(email: string, callbackUrl: string): Promise<EmailSignInOutcome> {
  const answer = await signInThroughAuthRoute("email", { email, callbackUrl });
  return answer.ok ? { ok: true } : answer;
}

/**
 * Starts signing in with an OAuth provider: the address of its sign-in page, with the state next-auth
 * checks when the reader comes back (null when next-auth refused, or answered with another address).
 */
export async function requestOAuthSignIn(provider: OAuthProvider, callbackUrl: string): Promise<URL | null> {
  const answer = await signInThroughAuthRoute(provider.id, { callbackUrl });
  return answer.ok && answer.url.origin === provider.origin ? answer.url : null;
}
