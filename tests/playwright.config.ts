import { existsSync } from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

// Debian's Chromium on these machines (Playwright cannot download its own here); CHROMIUM_PATH
// overrides, and without either Playwright uses its own browser if one is installed.
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

if (!process.env.E2E_DATABASE_URL) {
  throw new Error("End-to-end tests need their database: run them with `npm test` (or `npm test -- --only e2e`).");
}

export default defineConfig({
  testDir: "./e2e",
  outputDir: path.join(root, "test-results"),
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  timeout: 30_000,
  use: {
    baseURL,
    trace: "on-first-retry",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--headless",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 900 } } }],
  webServer: {
    // The production server, exactly as `npm start` runs it (it builds when the build is stale).
    command: "node --conditions=react-server --import tsx scripts/start.ts",
    cwd: root,
    url: baseURL,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    env: {
      ...(process.env as Record<string, string>),
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      PORT: String(port),
      APP_URL: baseURL,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
