import { describe, expect, it } from "vitest";
import { displayNameSchema } from "@/lib/account/schema";

describe("a display name", () => {
  it("is visible text of 2-40 characters, never an email address or a handle of someone else", () => {
    expect(displayNameSchema.parse("  Ada \u202E Lovelace\u200B ")).toBe("Ada Lovelace");
    for (const bad of ["a", "x".repeat(41), "ada@example.org", "[deleted]", "reader-3f9a2c", "\u200B\u200B\u200B"]) {
      expect(displayNameSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});
