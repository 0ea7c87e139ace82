import { existsSync } from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { GITHUB_TEST_CLIENT } from "./support/oauth";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
// A second app server without SMTP_URL or APP_URL, as on a fresh clone: its mail goes to the local outbox.
const outboxPort = Number(process.env.E2E_OUTBOX_PORT ?? 3101);
const smtpPort = Number(process.env.MAIL_CATCHER_SMTP_PORT ?? 2525);
const mailHttpPort = Number(process.env.MAIL_CATCHER_HTTP_PORT ?? 3102);
// A local stand-in for arXiv's API (submissions), since these machines have no internet.
const fakeArxivPort = Number(process.env.FAKE_ARXIV_PORT ?? 3103);

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
  webServer: [
    {
      command: "node --import tsx tests/support/mail-catcher.ts",
      cwd: root,
      url: `http://127.0.0.1:${mailHttpPort}/health`,
      timeout: 30_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
      env: { ...env(), MAIL_CATCHER_SMTP_PORT: String(smtpPort), MAIL_CATCHER_HTTP_PORT: String(mailHttpPort) },
    },
    {
      command: "node --import tsx tests/support/fake-arxiv.ts",
      cwd: root,
      url: `http://127.0.0.1:${fakeArxivPort}/health`,
      timeout: 30_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
      env: { ...env(), FAKE_ARXIV_PORT: String(fakeArxivPort) },
    },
    appServer(port, {
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      DATA_DIR: path.join(root, ".data/e2e-smtp"),
      // GitHub's button on the sign-in page; the browser is stopped at GitHub's door (tests/e2e/auth.spec.ts).
      GITHUB_ID: GITHUB_TEST_CLIENT,
      GITHUB_SECRET: "e2e-github-secret",
    }),
    // As on a fresh clone: no SMTP_URL and no APP_URL (its links default to localhost), opened at 127.0.0.1.
    appServer(outboxPort, {
      SMTP_URL: "",
      APP_URL: "",
      DATA_DIR: path.join(root, ".data/e2e-outbox"),
      DATABASE_URL: process.env.E2E_OUTBOX_DATABASE_URL ?? "",
    }),
  ],
});

function env(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** The production server, exactly as `npm start` runs it, on the end-to-end database. */
function appServer(serverPort: number, extra: Record<string, string>) {
  const url = `http://127.0.0.1:${serverPort}`;
  return {
    command: "node --conditions=react-server --import tsx scripts/start.ts",
    cwd: root,
    url,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe" as const,
    stderr: "pipe" as const,
    gracefulShutdown: { signal: "SIGTERM" as const, timeout: 15_000 },
    env: {
      ...env(),
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
      PORT: String(serverPort),
      APP_URL: url,
      NEXT_TELEMETRY_DISABLED: "1",
      ARXIV_API_URL: `http://127.0.0.1:${fakeArxivPort}/api/query`,
      ARXIV_REQUEST_INTERVAL_MS: "0",
      ...extra,
    },
  };
}
