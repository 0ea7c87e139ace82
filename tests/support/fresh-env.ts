import { afterAll, vi } from "vitest";

/**
 * lib/env reads process.env once, when first imported. Tests of behaviour that depends on the
 * environment (SMTP_URL set or not...) set it here and import the modules afresh. The variables are
 * stubbed, and restored when the test file ends, so no other file in the same worker sees them.
 */
export function setEnv(vars: Record<string, string | undefined>): void {
  vi.resetModules();
  for (const [key, value] of Object.entries(vars)) vi.stubEnv(key, value);
}

afterAll(() => {
  vi.unstubAllEnvs();
});
