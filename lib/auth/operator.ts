import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";
import { clientIp, isLoopback } from "@/lib/http/request";
import { getCurrentUser } from "./session";

/** The operator: someone on this machine, or a signed-in user listed in ADMIN_EMAILS. */
export async function isOperator(): Promise<boolean> {
  if (isLoopback(clientIp(await headers()))) return true;
  const user = await getCurrentUser();
  return Boolean(user?.email && env.ADMIN_EMAILS.includes(user.email.toLowerCase()));
}
