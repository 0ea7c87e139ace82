import "server-only";
import { headers } from "next/headers";
import { clientIp, isLoopback } from "@/lib/http/request";
import { mailDelivery } from "./transport";

/**
 * The local mailbox exists only while mail goes to the outbox (SMTP_URL unset), and only for
 * requests from this machine: the outbox holds working sign-in links.
 */
export async function mailboxIsOpen(): Promise<boolean> {
  if (mailDelivery() !== "outbox") return false;
  return isLoopback(clientIp(await headers()));
}
