import { describe, expect, it } from "vitest";
import { setEnv } from "../support/fresh-env";

async function options(vars: Record<string, string | undefined>) {
  setEnv({
    GITHUB_ID: undefined,
    GITHUB_SECRET: undefined,
    HUGGINGFACE_CLIENT_ID: undefined,
    HUGGINGFACE_CLIENT_SECRET: undefined,
    ...vars,
  });
  const [{ authOptions }, { oauthProviders }] = await Promise.all([import("@/lib/auth/options"), import("@/lib/auth/providers")]);
  return { authOptions, oauthProviders };
}

describe("sign-in methods", () => {
  it("are the email link alone on a fresh clone", async () => {
    const { authOptions, oauthProviders } = await options({});
    expect(authOptions.providers.map((provider) => provider.id)).toEqual(["email"]);
    expect(oauthProviders()).toEqual([]);
  });

  it("include GitHub and Hugging Face (OpenID Connect) when their client id and secret are set", async () => {
    const { authOptions, oauthProviders } = await options({
      GITHUB_ID: "gh-id",
      GITHUB_SECRET: "gh-secret",
      HUGGINGFACE_CLIENT_ID: "hf-id",
      HUGGINGFACE_CLIENT_SECRET: "hf-secret",
    });
    expect(authOptions.providers.map((provider) => provider.id)).toEqual(["email", "github", "huggingface"]);
    const huggingFace = authOptions.providers.find((provider) => provider.id === "huggingface") as unknown as {
      wellKnown: string;
    };
    expect(huggingFace.wellKnown).toBe("https://huggingface.co/.well-known/openid-configuration");
    expect(oauthProviders().map((provider) => [provider.id, provider.name, provider.origin])).toEqual([
      ["github", "GitHub", "https://github.com"],
      ["huggingface", "Hugging Face", "https://huggingface.co"],
    ]);
  });

  it("refuse half a configuration, naming what is missing", async () => {
    await expect(options({ GITHUB_ID: "gh-id" })).rejects.toThrow(/GITHUB_SECRET: GITHUB_ID and GITHUB_SECRET are set together/);
  });

  it("send people back to this site only", async () => {
    const { authOptions } = await options({ APP_URL: "https://papers.example.org" });
    const redirect = authOptions.callbacks?.redirect;
    if (!redirect) throw new Error("no redirect callback");
    const base = { baseUrl: "https://papers.example.org" };
    expect(await redirect({ url: "/papers/2307.04990", ...base })).toBe("https://papers.example.org/papers/2307.04990");
    expect(await redirect({ url: "https://evil.example/phish", ...base })).toBe("https://papers.example.org/");
    expect(await redirect({ url: "//evil.example", ...base })).toBe("https://papers.example.org/");
  });
});
