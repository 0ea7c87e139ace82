import { describe, expect, it } from "vitest";
import { excerpt } from "@/lib/papers/excerpt";

describe("excerpt", () => {
  it("leaves short text alone", () => {
    expect(excerpt("A short abstract.", 50)).toBe("A short abstract.");
  });

  it("cuts at a word boundary and adds an ellipsis", () => {
    const text = "Deep Boltzmann machines are multi-layered probabilistic models governed by a pairwise energy function.";
    const result = excerpt(text, 40);
    expect(result).toBe("Deep Boltzmann machines are…");
    expect(result.length).toBeLessThanOrEqual(41);
  });

  it("never leaves half a formula behind", () => {
    const text = "We bound the error by $O(n \\log n)$ and show that the constant $c = 1 + \\epsilon$ is tight for all inputs.";
    const result = excerpt(text, 70);
    expect((result.match(/\$/g) ?? []).length % 2).toBe(0);
    expect(result).toContain("$O(n \\log n)$");
  });
});
