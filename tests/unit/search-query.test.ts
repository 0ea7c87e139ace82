import { describe, expect, it } from "vitest";
import {
  allOf,
  anyOf,
  HIGHLIGHT_END,
  HIGHLIGHT_START,
  highlightsToHtml,
  MAX_QUERY_LENGTH,
  parseSearchQuery,
  queryTerms,
  quoteLexeme,
  splitHighlights,
} from "@/lib/search/query";
import { indexReadsAll, TITLE_INDEX_BUDGET, walkIsEnough } from "@/lib/search/title-walk";

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

describe("highlightsToHtml", () => {
  it("escapes every part, so that the only markup is a <mark> around each match", () => {
    expect(highlightsToHtml(`${HIGHLIGHT_START}Agents${HIGHLIGHT_END} <b>in</b> the "wild" & 'beyond'`)).toBe(
      "<mark>Agents</mark> &lt;b&gt;in&lt;/b&gt; the &quot;wild&quot; &amp; &#39;beyond&#39;",
    );
    expect(highlightsToHtml(`<img src=x onerror=alert(1)> ${HIGHLIGHT_START}<script>${HIGHLIGHT_END}`)).toBe(
      "&lt;img src=x onerror=alert(1)&gt; <mark>&lt;script&gt;</mark>",
    );
  });

  it("keeps marks balanced whatever markers the text holds", () => {
    // A marker left open (an excerpt cut inside a match), or one in a paper's own text.
    expect(highlightsToHtml(`a ${HIGHLIGHT_START}b`)).toBe("a <mark>b</mark>");
    expect(highlightsToHtml(`${HIGHLIGHT_END}x${HIGHLIGHT_END}${HIGHLIGHT_END}`)).toBe("<mark>x</mark>");
    expect(highlightsToHtml("plain & simple")).toBe("plain &amp; simple");
  });
});

describe("title candidates: the walk of the most upvoted papers, or the GIN index", () => {
  it("keeps the walk's matches when it covered every paper, found enough, or says the index would read too many rows", () => {
    // A catalogue smaller than the walk: the walk saw every title.
    expect(walkIsEnough(3, 200, 9_577)).toBe(true);
    // Found what was wanted.
    expect(walkIsEnough(200, 200, 1_000_000)).toBe(true);
    // "large language model": 55 in the 10,000 most upvoted of a million, so ~5,500 titles in all:
    // reading each from the index took a second, where the walk's 55 cost 6 ms.
    expect(walkIsEnough(55, 200, 1_000_000)).toBe(true);
    // 3 of 10,000: ~300 titles in all, few enough to take every one (most upvoted first) from the index.
    expect(walkIsEnough(3, 200, 1_000_000)).toBe(false);
    expect(walkIsEnough(0, 200, 1_000_000)).toBe(false);
    // The budget is in titles: 20 of 10,000 is 2,000 at a million papers, 20,000 at ten million.
    expect(walkIsEnough(20, 200, 1_000_000)).toBe(TITLE_INDEX_BUDGET < 2_000);
    expect(walkIsEnough(20, 200, 10_000_000)).toBe(true);
  });

  it("reads every match from the index only when the rows it checks are few: a phrase's words may be common apart", () => {
    // Words without a phrase: every row the index finds is a match.
    expect(indexReadsAll({ found: 12, read: 12 }, 1_000_000)).toBe(true);
    // "in context learning": 19 of the 10,000 hold the phrase, 47 the three words: ~4,700 rows to
    // check for ~1,900 matches. The first matches in the table's order are read instead.
    expect(indexReadsAll({ found: 19, read: 47 }, 1_000_000)).toBe(false);
    // A phrase whose words seldom come apart.
    expect(indexReadsAll({ found: 4, read: 5 }, 1_000_000)).toBe(true);
  });
});
