import { describe, expect, it } from "vitest";
import { HIGHLIGHT_END as E, HIGHLIGHT_START as S } from "@/lib/search/query";
import { sentenceSnippet } from "@/lib/search/snippet";

describe("search result snippets", () => {
  it("start at the sentence holding the first match, and say what was left out", () => {
    const abstract = `Large models are costly to serve. We study ${S}pruning${E} of attention heads in 3.5B models. It keeps 98% of accuracy. Code is released.`;
    expect(sentenceSnippet(abstract)).toBe(
      `… We study ${S}pruning${E} of attention heads in 3.5B models. It keeps 98% of accuracy. Code is released.`,
    );
    expect(sentenceSnippet(abstract, 6)).toBe(`… We study ${S}pruning${E} of attention heads …`);
  });

  it("start at the abstract's start when the first sentence matches, or nothing does (a semantic match)", () => {
    expect(sentenceSnippet(`${S}Mixture${E} of experts routes tokens. More text.`)).toBe(
      `${S}Mixture${E} of experts routes tokens. More text.`,
    );
    expect(sentenceSnippet("No words of the query here. Nor here.", 5)).toBe("No words of the query …");
  });

  it("close a match the cut went through", () => {
    expect(sentenceSnippet(`Intro. ${S}Very long match${E} rest`, 2)).toBe(`… ${S}Very long${E} …`);
  });
});
