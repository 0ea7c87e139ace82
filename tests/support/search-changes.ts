import { expect } from "vitest";
import { type InvalidationListener, listenForInvalidations } from "@/lib/page-cache/invalidation";
import { hearSearchChanges, searchChangesHeard } from "@/lib/search/heard";

/**
 * This test process hears the database's announcements as a web process does (scripts/server.ts):
 * the change listener passes them to lib/search/heard.ts. Resolves once the listener is live;
 * stopping it leaves the process unable to hear (every search asks again).
 */
export async function hearAsAWebProcess(): Promise<InvalidationListener> {
  const changes = listenForInvalidations({
    connectionString: process.env.DATABASE_URL ?? "",
    cache: null,
    onChange: searchChangesHeard,
    log: () => {},
  });
  hearSearchChanges(() => changes.isLive());
  await expect.poll(() => changes.isLive()).toBe(true);
  return changes;
}
