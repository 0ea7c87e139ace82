import { describe, expect, it } from "vitest";
import { HIGHLIGHT_END, HIGHLIGHT_START, MAX_QUERY_LENGTH, parseSearchQuery, splitHighlights } from "@/lib/search/query";

describe("parseSearchQuery", () => {
  it("makes every word a prefix and quoted words a phrase", () => {
    expect(parseSearchQuery("diffusion transform")).toMatchObject({ ok: true, tsquery: "diffusion:* & transform:*" });
    expect(parseSearchQuery('"large language" model')).toMatchObject({ ok: true, tsquery: "(large <-> language) & model:*" });
    expect(parseSearchQuery('"attention"')).toMatchObject({ ok: true, tsquery: "attention" });
  });

  it("drops punctuation and operators, so no input is a syntax error", () => {
    expect(parseSearchQuery("GPT-4 & (vision) | !agents:*")).toMatchObject({
      ok: true,
      tsquery: "gpt:* & 4:* & vision:* & agents:*",
    });
    expect(parseSearchQuery("it's <b>")).toMatchObject({ ok: true, tsquery: "it:* & s:* & b:*" });
  });

  it("keeps non-Latin words", () => {
    expect(parseSearchQuery("扩散模型 Überblick")).toMatchObject({ ok: true, tsquery: "扩散模型:* & überblick:*" });
  });

  it("answers empty, punctuation-only and overlong queries with a reason", () => {
    expect(parseSearchQuery("   ")).toMatchObject({ ok: false, reason: "empty" });
    expect(parseSearchQuery(null)).toMatchObject({ ok: false, reason: "empty" });
    expect(parseSearchQuery('?!... --- ""')).toMatchObject({ ok: false, reason: "no_words" });
    expect(parseSearchQuery("a".repeat(MAX_QUERY_LENGTH + 1))).toMatchObject({ ok: false, reason: "too_long" });
    expect(parseSearchQuery("a".repeat(MAX_QUERY_LENGTH)).ok).toBe(true);
  });
});

describe("splitHighlights", () => {
  it("splits marked text into plain and matched parts", () => {
    expect(splitHighlights(`Deep ${HIGHLIGHT_START}diffusion${HIGHLIGHT_END} models`)).toEqual([
      { text: "Deep ", match: false },
      { text: "diffusion", match: true },
      { text: " models", match: false },
    ]);
  });
});
