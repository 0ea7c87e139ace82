import { describe, expect, it } from "vitest";
import { signInHref, signInPurpose } from "@/lib/auth/sign-in-reason";

describe("sign-in reasons", () => {
  it("puts the reason in the address unless the page sent back to says it already", () => {
    expect(signInHref("/papers/2307.04990", "comment")).toBe("/auth/signin?callbackUrl=%2Fpapers%2F2307.04990&reason=comment");
    expect(signInHref("/papers/for-you")).toBe("/auth/signin?callbackUrl=%2Fpapers%2Ffor-you");
    expect(signInHref("/papers/submit", "submit")).toBe("/auth/signin?callbackUrl=%2Fpapers%2Fsubmit");
  });

  it("says the reason given, else the one of the page sent back to, else all of them", () => {
    expect(signInPurpose("comment", "/papers/2307.04990")).toBe("to join the discussion");
    expect(signInPurpose(undefined, "/me/saved?x=1")).toBe("to open your reading list");
    expect(signInPurpose("toString", "/")).toBe("to upvote papers, keep a reading list and join the discussions");
    expect(signInPurpose("nonsense", "/papers")).toBe("to upvote papers, keep a reading list and join the discussions");
  });
});
