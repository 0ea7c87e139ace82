import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import type { Adapter, AdapterAccount } from "next-auth/adapters";
import { db } from "@/lib/db";

/** The columns of `accounts`. Providers add fields of their own (GitHub: refresh_token_expires_in). */
const ACCOUNT_FIELDS = [
  "userId",
  "type",
  "provider",
  "providerAccountId",
  "refresh_token",
  "access_token",
  "expires_at",
  "token_type",
  "scope",
  "id_token",
  "session_state",
] as const;

/**
 * @auth/prisma-adapter on our client. Its types come from @auth/core and differ from next-auth 4's in
 * name only (the methods match at run time); linkAccount keeps only the columns we have, since
 * unknown provider fields would make Prisma reject the row.
 */
export function authAdapter(): Adapter {
  const base = PrismaAdapter(db as never) as unknown as Adapter;
  return {
    ...base,
    linkAccount: (account: AdapterAccount) => {
      const row = Object.fromEntries(ACCOUNT_FIELDS.filter((field) => account[field] !== undefined).map((f) => [f, account[f]]));
      return base.linkAccount?.(row as AdapterAccount);
    },
  };
}
