import { startWorker } from "@/lib/jobs/worker";
import { runScript } from "./lib/cli";

await runScript({
  usage: `Usage: npm run worker

Runs the digest worker on its own (pg-boss on the app's PostgreSQL): the daily digest at DIGEST_HOUR in
DIGEST_TIME_ZONE, the weekly one on Mondays, retries every minute. \`npm start\` runs one inside the web
server process unless RUN_WORKER=false; run this for more workers (any number can run at once: each
digest is claimed per subscriber in the database, so none is sent twice). Stops on Ctrl-C.`,
  main: async ({ database }) => {
    const worker = await startWorker({ connectionString: database.url });
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    console.log("Stopping the worker (finishing the job in hand)...");
    await worker.stop();
    return 0;
  },
  handleSignals: false,
});
