import { describe, expect, it } from "vitest";
import { normaliseEmailIdentifier, readAuthBody, signInIdentifier } from "@/lib/auth/email-identifier";

const post = (type: string, body: string) =>
  new Request("http://localhost/api/auth/signin/email", { method: "POST", headers: { "content-type": type }, body });

describe("the address a sign-in counts against", () => {
  it("is one spelling for every way of writing one address, as next-auth sends it mail", () => {
    for (const spelling of ["victim@x.org", " Victim@X.org ", "victim@x.org,1", "VICTIM@x.org,2", "ｖｉｃｔｉｍ@x.org"]) {
      expect(normaliseEmailIdentifier(spelling), spelling).toBe("victim@x.org");
    }
    for (const bad of [
      "",
      "victim",
      "victim@x.org,evil@y.org",
      "victim@x.org,evil@y.org",
      "a@b@x.org",
      '"a"@x.org',
      "victim@localhost",
      "@x.org",
      42,
      null,
    ]) {
      expect(signInIdentifier({ email: bad }), String(bad)).toBeNull();
    }
  });

  it("is read from JSON bodies and forms alike; of a repeated form field, the last (as next-auth reads it)", async () => {
    expect(signInIdentifier(await readAuthBody(post("application/json", '{"email":"Victim@x.org,1"}')))).toBe("victim@x.org");
    expect(
      signInIdentifier(await readAuthBody(post("application/x-www-form-urlencoded", "email=a%40x.org&email=victim%40x.org"))),
    ).toBe("victim@x.org");
    expect(await readAuthBody(post("application/json", "{not json"))).toBeNull();
    expect(await readAuthBody(post("text/plain", "email=victim@x.org"))).toBeNull();
  });
});
