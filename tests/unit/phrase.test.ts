import { describe, expect, it } from "vitest";
import { holdsPhrases, LONG_TITLE, parsePhrases, readTsvector } from "@/lib/search/phrase";

/** A title's masks by lexeme, from its tsvector's text as PostgreSQL writes it. */
const title = (tsvector: string) => {
  const { lexemes, masks } = readTsvector(tsvector);
  const byLexeme = new Map(lexemes.map((lexeme, i) => [lexeme, masks[i] as number]));
  return (lexeme: string) => byLexeme.get(lexeme) ?? 0;
};

describe("quoted phrases checked on a title's word positions", () => {
  it("reads phrases as phraseto_tsquery writes them, distances included", () => {
    expect(parsePhrases("( 'larg' <-> 'languag' <-> 'model' )")).toEqual([
      { lexemes: ["larg", "languag", "model"], offsets: [0, 1, 2] },
    ]);
    // "of" is a stop word: "thought" is two after "chain".
    expect(parsePhrases("( 'chain' <2> 'thought' ) & ( 'state' <3> 'art' )")).toEqual([
      { lexemes: ["chain", "thought"], offsets: [0, 2] },
      { lexemes: ["state", "art"], offsets: [0, 3] },
    ]);
    expect(parsePhrases("( 'model' )")).toEqual([{ lexemes: ["model"], offsets: [0] }]);
    expect(parsePhrases("( 'it''s' <-> 'back\\\\slash' )")).toEqual([{ lexemes: ["it's", "back\\slash"], offsets: [0, 1] }]);
  });

  it("leaves to PostgreSQL what is not a chain of lexemes", () => {
    for (const query of ["'a' & 'b'", "( 'a' | 'b' )", "( 'a':* <-> 'b' )", "( 'a' <-> )", "( 'a' ) &", "( !'a' )", ""]) {
      expect(parsePhrases(query), query).toBeNull();
    }
  });

  it("reads a title's lexemes and positions from its tsvector's text", () => {
    expect(readTsvector("'languag':2 'larg':1 'model':3,7")).toEqual({
      lexemes: ["languag", "larg", "model"],
      masks: [0b10, 0b1, 0b1000100],
    });
    expect(readTsvector("'it''s':1 'x':40")).toEqual({ lexemes: ["it's", "x"], masks: [1, LONG_TITLE] });
    expect(readTsvector("")).toEqual({ lexemes: [], masks: [] });
    // Weights after positions, escapes, a lexeme without positions.
    expect(readTsvector("'a':1A,3B 'b\\\\c':2 'd''e':4 'f'")).toEqual({
      lexemes: ["a", "b\\c", "d'e", "f"],
      masks: [0b101, 0b10, 0b1000, LONG_TITLE],
    });
    expect(readTsvector("'x':31").masks).toEqual([1 << 30]);
    expect(readTsvector("'x':3,32").masks).toEqual([0b100 | LONG_TITLE]);
  });

  it("holds a phrase where its lexemes are at their distances, in order", () => {
    const [llm] = parsePhrases("( 'larg' <-> 'languag' <-> 'model' )") ?? [];
    const [cot] = parsePhrases("( 'chain' <2> 'thought' )") ?? [];
    if (!llm || !cot) throw new Error("not parsed");
    // "Large language models for chain of thought"
    const titled = title("'chain':5 'languag':2 'larg':1 'model':3 'thought':7");
    expect(holdsPhrases([llm], titled)).toBe(true);
    expect(holdsPhrases([cot], titled)).toBe(true);
    expect(holdsPhrases([llm, cot], titled)).toBe(true);
    // "Models of large language": the words, not the phrase.
    expect(holdsPhrases([llm], title("'languag':4 'larg':3 'model':1"))).toBe(false);
    // "Chain thought": one too close.
    expect(holdsPhrases([cot], title("'chain':1 'thought':2"))).toBe(false);
    // A word missing.
    expect(holdsPhrases([llm], title("'languag':2 'larg':1"))).toBe(false);
    // The phrase again, later in the title.
    expect(holdsPhrases([llm], title("'languag':2,9 'larg':8 'model':10 'small':1"))).toBe(true);
    // A lexeme 32 after the first, in a title of 31 words at most: not there (a shift by 32 is by 0).
    const far = { lexemes: ["a", "b"], offsets: [0, 32] };
    expect(holdsPhrases([far], title("'a':1 'b':1"))).toBe(false);
    expect(holdsPhrases([far], title("'a':1 'b':33"))).toBeNull();
    // Beyond position 31 the masks cannot tell.
    expect(holdsPhrases([llm], title("'languag':33 'larg':32 'model':34"))).toBeNull();
  });
});
