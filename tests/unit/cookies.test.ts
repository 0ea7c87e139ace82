import { describe, expect, it } from "vitest";
import { readCookie } from "@/lib/auth/cookies";

describe("readCookie", () => {
  it("reads one cookie's value, decoded, and nothing from a malformed escape", () => {
    expect(readCookie("a=1; next-auth.session-token=abc%2Fdef; b=2", "next-auth.session-token")).toBe("abc/def");
    expect(readCookie("next-auth.session-token=%ff", "next-auth.session-token")).toBeNull();
    expect(readCookie("next-auth.session-token=", "next-auth.session-token")).toBeNull();
    expect(readCookie(undefined, "next-auth.session-token")).toBeNull();
  });
});
