import { seed } from "../prisma/seed";
import { runScript } from "./lib/cli";

await runScript({
  usage: `Usage: npm run db:seed

Loads the default papers (prisma/seed/: the 40 papers of the page this product was specified from and
Hugging Face's daily lists of April 2026). Idempotent: papers are upserted by arXiv id, a second run
changes nothing.`,
  main: async () => {
    await seed();
    return 0;
  },
});
