import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "..");

// Every test runs in a zone that is neither UTC nor a whole hour away from it, so code that
// accidentally uses the machine's local time shows up as a wrong day.
process.env.TZ = "Asia/Kathmandu";

const shared = {
  resolve: {
    alias: {
      "@": root,
      // `server-only` throws outside React Server Components; tests are server code by definition.
      "server-only": path.join(root, "tests/support/empty-module.ts"),
    },
  },
};

export default defineConfig({
  root,
  test: {
    projects: [
      {
        ...shared,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        ...shared,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.int.test.ts"],
          environment: "node",
          setupFiles: ["tests/support/integration-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
