import { describe, expect, it } from "vitest";
import { actionBodyProblem, formActionIds, MAX_ACTION_NESTING, nestsDeeperThan } from "@/lib/http/action-body";

describe("server action bodies", () => {
  it("accept what React sends for our actions", () => {
    expect(actionBodyProblem('["$K1"]')).toBeNull();
    expect(actionBodyProblem('[{"arxivId":"2307.04990","upvote":true}]')).toBeNull();
    expect(actionBodyProblem('[{"body":"$$5 a month","parentId":"$undefined","at":"$D2026-01-01T00:00:00.000Z"}]')).toBeNull();
  });

  it("refuse references to parts a JSON body cannot have (React failed on them with a 500)", () => {
    for (const body of ['["$Q1"]', '["$1"]', '[{"x":"$@2"}]', '[["$W1"]]', '["$F1"]', '["$B1"]']) {
      expect(actionBodyProblem(body), body).toMatch(/refers to parts/);
    }
  });

  it("find the actions a form posted without JavaScript names, multipart or URL-encoded", () => {
    const id = "a".repeat(42);
    const multipart = [
      "------b",
      `Content-Disposition: form-data; name="$ACTION_ID_${id}"`,
      "",
      "",
      "------b",
      'Content-Disposition: form-data; name="$ACTION_1:0"',
      "",
      '{"id":"zz","bound":"$@1"}',
      "------b--",
    ].join("\r\n");
    expect(formActionIds(multipart)).toEqual([id, "zz"]);
    expect(formActionIds(`%24ACTION_ID_abc=&email=x%40y.org`)).toEqual(["abc"]);
    expect(formActionIds("email=x%40y.org")).toEqual([]);
  });

  it("refuse text that is not JSON, and nesting past the limit (strings do not count)", () => {
    expect(actionBodyProblem("not json")).toMatch(/not valid JSON/);
    expect(actionBodyProblem(`${"[".repeat(5_000)}${"]".repeat(5_000)}`)).toMatch(/nests deeper/);
    expect(nestsDeeperThan(`${"[".repeat(MAX_ACTION_NESTING)}${"]".repeat(MAX_ACTION_NESTING)}`, MAX_ACTION_NESTING)).toBe(false);
    expect(nestsDeeperThan(`["${"[".repeat(100)}\\"${"{".repeat(100)}"]`, 2)).toBe(false);
  });
});
