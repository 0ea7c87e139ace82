import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

describe("environment", () => {
  it("has defaults that make a fresh clone run", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DATA_DIR).toBe(".data");
  });

  it('parses its defaults like given values: a switch left unset is a boolean, not the string "false"', () => {
    const env = parseEnv({});
    expect(env.TRUST_PROXY).toBe(false);
    expect(env.SEED_ON_EMPTY).toBe(true);
    expect(env.RUN_WORKER).toBe(true);
    expect(env.PAGE_CACHE_MB).toBe(256);
    expect(env.ADMIN_EMAILS).toEqual([]);
    expect(parseEnv({ TRUST_PROXY: "1", SEED_ON_EMPTY: "false" })).toMatchObject({ TRUST_PROXY: true, SEED_ON_EMPTY: false });
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ PORT: "", DATABASE_URL: "" })).toMatchObject({ PORT: 3000, DATABASE_URL: undefined });
  });

  it("names the variable that is wrong", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://localhost/db" })).toThrow(/DATABASE_URL: must be a postgres/);
  });
});
