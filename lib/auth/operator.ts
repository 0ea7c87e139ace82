import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { cookies } from "next/headers";
import { env } from "@/lib/env";
import { getCurrentUser } from "./session";

/** Holds a hash of OPERATOR_KEY once the operator has opened /operator?key=... in this browser. */
export const OPERATOR_COOKIE = "dp_operator";
/** How long a browser stays the operator's. */
export const OPERATOR_COOKIE_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

const digest = (value: string) => createHash("sha256").update(`daily-papers operator:${value}`).digest();

/** The cookie value that proves the key was given (a hash: the key itself never sits in a cookie). */
export function operatorCookieValue(key: string): string {
  return digest(key).toString("base64url");
}

/** Whether `key` is OPERATOR_KEY (in constant time). No key configured: nothing matches. */
export function isOperatorKey(key: string | null | undefined): boolean {
  if (!env.OPERATOR_KEY || !key) return false;
  return timingSafeEqual(digest(key), digest(env.OPERATOR_KEY));
}

function holdsOperatorCookie(value: string | undefined): boolean {
  if (!env.OPERATOR_KEY || !value) return false;
  const expected = Buffer.from(operatorCookieValue(env.OPERATOR_KEY));
  const given = Buffer.from(value);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The operator: a browser that was given OPERATOR_KEY (the link `npm start` prints), or a signed-in
 * user listed in ADMIN_EMAILS. Never "whoever looks local": behind a reverse proxy on the same host
 * every visitor's connection comes from 127.0.0.1.
 */
export async function isOperator(): Promise<boolean> {
  if (holdsOperatorCookie((await cookies()).get(OPERATOR_COOKIE)?.value)) return true;
  const user = await getCurrentUser();
  return Boolean(user?.email && env.ADMIN_EMAILS.includes(user.email.toLowerCase()));
}
