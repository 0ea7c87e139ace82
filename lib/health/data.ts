import { db } from "@/lib/db";

/** The readiness check's query may take this long before the database counts as unavailable. */
const READY_TIMEOUT_MS = 2_000;

/** Whether the database answers a trivial query within READY_TIMEOUT_MS. */
export async function databaseAnswers(): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS);
  });
  try {
    return await Promise.race([db.$queryRaw`SELECT 1`.then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
