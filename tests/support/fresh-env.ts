import { vi } from "vitest";

/**
 * lib/env reads process.env once, when first imported. Tests of behaviour that depends on the
 * environment (SMTP_URL set or not...) set it here and import the modules afresh.
 */
export function setEnv(vars: Record<string, string | undefined>): void {
  vi.resetModules();
  for (const [key, value] of Object.entries(vars)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}
