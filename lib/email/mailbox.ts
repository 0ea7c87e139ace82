import "server-only";
import { isOperator } from "@/lib/auth/operator";
import { mailDelivery } from "./transport";

/**
 * The local mailbox exists only while mail goes to the outbox (SMTP_URL unset), and only for the
 * operator (lib/auth/operator.ts): the outbox holds working sign-in links.
 */
export async function mailboxIsOpen(): Promise<boolean> {
  if (mailDelivery() !== "outbox") return false;
  return isOperator();
}
