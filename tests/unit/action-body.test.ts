import { describe, expect, it } from "vitest";
import { actionBodyProblem, MAX_ACTION_NESTING, nestsDeeperThan } from "@/lib/http/action-body";

describe("server action bodies", () => {
  it("accept what React sends for our actions", () => {
    expect(actionBodyProblem('["$K1"]')).toBeNull();
    expect(actionBodyProblem('[{"arxivId":"2307.04990","upvote":true}]')).toBeNull();
  });

  it("refuse text that is not JSON, and nesting past the limit (strings do not count)", () => {
    expect(actionBodyProblem("not json")).toMatch(/not valid JSON/);
    expect(actionBodyProblem(`${"[".repeat(5_000)}${"]".repeat(5_000)}`)).toMatch(/nests deeper/);
    expect(nestsDeeperThan(`${"[".repeat(MAX_ACTION_NESTING)}${"]".repeat(MAX_ACTION_NESTING)}`, MAX_ACTION_NESTING)).toBe(false);
    expect(nestsDeeperThan(`["${"[".repeat(100)}\\"${"{".repeat(100)}"]`, 2)).toBe(false);
  });
});
