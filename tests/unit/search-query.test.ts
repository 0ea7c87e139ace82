import { describe, expect, it } from "vitest";
import {
  allOf,
  anyOf,
  HIGHLIGHT_END,
  HIGHLIGHT_START,
  MAX_QUERY_LENGTH,
  parseSearchQuery,
  queryTerms,
  quoteLexeme,
  splitHighlights,
} from "@/lib/search/query";

describe("parseSearchQuery", () => {
  it("keeps the text for PostgreSQL to read, and quoted words apart as phrases", () => {
    expect(parseSearchQuery('  how to compress "deep networks" ')).toEqual({
      ok: true,
      text: 'how to compress "deep networks"',
      phrases: ["deep networks"],
      rest: "how to compress",
    });
    expect(parseSearchQuery('"" attention "!!"')).toMatchObject({ ok: true, phrases: [], rest: "attention" });
  });

  it("answers empty, punctuation-only and overlong queries with a reason", () => {
    expect(parseSearchQuery("   ")).toMatchObject({ ok: false, reason: "empty" });
    expect(parseSearchQuery(null)).toMatchObject({ ok: false, reason: "empty" });
    expect(parseSearchQuery('?!... --- ""')).toMatchObject({ ok: false, reason: "no_words" });
    expect(parseSearchQuery("a".repeat(MAX_QUERY_LENGTH + 1))).toMatchObject({ ok: false, reason: "too_long" });
    expect(parseSearchQuery("a".repeat(MAX_QUERY_LENGTH)).ok).toBe(true);
    expect(parseSearchQuery("扩散模型").ok).toBe(true);
  });
});

describe("queryTerms", () => {
  it("reads a hyphenated word as the whole word or all of its parts, as PostgreSQL positions them", () => {
    // to_tsvector('english', 'tokenizer-free language models')
    const terms = queryTerms([
      { lexeme: "tokenizer-fre", positions: [1] },
      { lexeme: "token", positions: [2] },
      { lexeme: "free", positions: [3] },
      { lexeme: "languag", positions: [4] },
      { lexeme: "model", positions: [5] },
    ]);
    expect(terms.terms).toEqual(["tokenizer-fre", "token", "free", "languag", "model"]);
    expect(terms.words).toEqual([
      { lexeme: "tokenizer-fre", parts: ["token", "free"] },
      { lexeme: "languag", parts: [] },
      { lexeme: "model", parts: [] },
    ]);
    expect(allOf(terms.words)).toBe("( 'tokenizer-fre' | ( 'token' & 'free' ) ) & 'languag' & 'model'");
  });

  it("counts a repeated word once, and a part that was a stop word is simply missing", () => {
    // to_tsvector('english', 'state-of-the-art model model'): "of" and "the" are stop words
    const terms = queryTerms([
      { lexeme: "state-of-the-art", positions: [1] },
      { lexeme: "state", positions: [2] },
      { lexeme: "art", positions: [5] },
      { lexeme: "model", positions: [6, 7] },
    ]);
    expect(terms.words).toEqual([
      { lexeme: "state-of-the-art", parts: ["state", "art"] },
      { lexeme: "model", parts: [] },
    ]);
    expect(terms.terms).toEqual(["state-of-the-art", "state", "art", "model"]);
  });
});

describe("tsquery operands", () => {
  it("quotes every lexeme, so a quote or backslash is text, never syntax", () => {
    expect(quoteLexeme("it's")).toBe("'it''s'");
    expect(quoteLexeme("a\\b", true)).toBe("'a\\\\b':*");
    expect(anyOf(["diffus", "model"])).toBe("'diffus' | 'model'");
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
