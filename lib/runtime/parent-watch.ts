/** How often a process checks that the one that started it is still there. */
const CHECK_INTERVAL_MS = 500;

/**
 * Calls `onOrphaned` once if the process that started this one goes away (its parent id changes: the
 * process was handed to init or a subreaper). `npm start` runs `sh -c "node ... start.ts"`, which
 * runs our web server: a supervisor or container that signals the npm process alone (SIGTERM) used to
 * leave start.ts and the server running as orphans, still serving. With this, whichever process of
 * the tree is signalled, the rest follow it down, each in its own clean way.
 */
export function onParentExit(onOrphaned: () => void): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onOrphaned();
  }, CHECK_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
