import { writeFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { serializeModel } from "@/lib/search/model";
import { embedMissing, ensureModel, rebuildIndex, retrain, SHIPPED_MODEL_FILE } from "@/lib/search/vectors/embed";
import { runScript, UsageError } from "./lib/cli";
import { stageProgress } from "./lib/progress";

await runScript({
  usage: `Usage: npm run embed [-- --train [--save-shipped]] [--reindex]

Search vectors (lib/search, README "Search"). Without options: computes the vector of every paper that
has none, with a progress bar and the rate, installing the model shipped with the app first if the
database has none. The worker does the same every minute and whenever papers come; this is for a large
import, or a catalogue loaded around the app.

  --train          trains a new model on this catalogue (a random sample of 20,000 papers at most,
                   ~1 minute per 10,000), makes it the one search uses and computes every paper's
                   vector with it: do it when the catalogue has grown into new topics
  --save-shipped   with --train: also writes the model to prisma/data/search-model.bin.gz, the model a
                   fresh install starts with (train it on the 9,577 papers of prisma/data)
  --reindex        learns the IVF lists again from the stored vectors and files every vector anew
                   (done by itself when the catalogue has grown 4 times since the lists were learned)`,
  options: {
    train: { type: "boolean" },
    "save-shipped": { type: "boolean" },
    reindex: { type: "boolean" },
  },
  main: async ({ values }) => {
    if (values["save-shipped"] && !values.train) throw new UsageError("--save-shipped goes with --train.");
    const log = (line: string) => console.log(line);
    const progress = stageProgress();
    if (values.train) {
      const { model, summary } = await retrain({ log, onProgress: progress.onProgress });
      progress.finish();
      report(summary);
      if (values["save-shipped"]) {
        await writeFile(SHIPPED_MODEL_FILE, gzipSync(serializeModel(model), { level: 9 }));
        console.log(`Wrote ${SHIPPED_MODEL_FILE}.`);
      }
      return 0;
    }
    await ensureModel(log);
    if (values.reindex) {
      await rebuildIndex({ log, onProgress: progress.onProgress });
      progress.finish();
      return 0;
    }
    const summary = await embedMissing({ log, onProgress: progress.onProgress });
    progress.finish();
    report(summary);
    return 0;
  },
});

function report(summary: { embedded: number; seconds: number }) {
  if (summary.embedded === 0) {
    console.log("Every paper has its search vector.");
    return;
  }
  const rate = Math.round(summary.embedded / Math.max(summary.seconds, 0.001));
  console.log(
    `Search vectors: ${summary.embedded.toLocaleString("en-US")} papers in ${summary.seconds.toFixed(1)} s (${rate.toLocaleString("en-US")} papers/s).`,
  );
}
