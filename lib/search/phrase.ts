/**
 * Quoted phrases checked on a title's word positions in memory (lib/search/titles/data.ts), as
 * PostgreSQL checks `title_vector @@ phrase`. phraseto_tsquery writes a phrase as a chain of lexemes,
 * each at a distance from the one before ('chain' <2> 'thought': "of" is a stop word), and PostgreSQL
 * evaluates the chain left to right: it holds where the first lexeme is at some position p, the second
 * at p + its distance, and so on. A title's positions are held as a bit mask per lexeme (bit p - 1 for
 * position p, up to 31; LONG_TITLE when a position is beyond), so a chain is a few ANDs and shifts.
 * What the masks cannot answer (a position beyond 31, a query not written as chains) is null, and
 * PostgreSQL checks it.
 */

/** A phrase: its lexemes, and each one's distance from the first (0 for the first). */
export interface PhraseChain {
  lexemes: string[];
  offsets: number[];
}

/** Set in a lexeme's mask when it is also at a position beyond the mask's 31. */
export const LONG_TITLE = 1 << 31;
const MASK_POSITIONS = 31;

/** One position's bit (see the top of this file). */
const bitOf = (position: number) => (position >= 1 && position <= MASK_POSITIONS ? 1 << (position - 1) : LONG_TITLE);

// The tokens of tsquery text as PostgreSQL writes phrases: parentheses, &, <-> or <N>, quoted lexemes
// ('' for a quote inside, \\ for a backslash).
const TOKEN = /\s*(?:(\()|(\))|(&)|<(-|\d+)>|'((?:[^'\\]|''|\\.)*)')/y;

/** A lexeme as PostgreSQL quotes it in tsquery and tsvector text, unquoted ('' is ', \\x is x). */
const unquote = (quoted: string) => quoted.replace(/''|\\(.)/g, (_pair, escaped: string | undefined) => escaped ?? "'");

/**
 * The phrases of a query's phrase filter (lib/search/data.ts analyzeQuery: `( chain ) & ( chain )`),
 * or null when it is written otherwise (PostgreSQL then checks it).
 */
export function parsePhrases(tsquery: string): PhraseChain[] | null {
  const chains: PhraseChain[] = [];
  let chain: PhraseChain | null = null;
  let distance: number | null = null;
  let expect: "open" | "lexeme" | "operator" | "and" = "open";
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < tsquery.length) {
    if (/^\s*$/.test(tsquery.slice(TOKEN.lastIndex))) break;
    const match = TOKEN.exec(tsquery);
    if (!match) return null;
    const [, open, close, and, operator, lexeme] = match;
    if (open !== undefined && expect === "open") {
      chain = { lexemes: [], offsets: [] };
      expect = "lexeme";
    } else if (lexeme !== undefined && expect === "lexeme" && chain) {
      const previous = chain.offsets.at(-1);
      chain.offsets.push(previous === undefined ? 0 : previous + (distance ?? 0));
      chain.lexemes.push(unquote(lexeme));
      expect = "operator";
    } else if (operator !== undefined && expect === "operator") {
      distance = operator === "-" ? 1 : Number(operator);
      expect = "lexeme";
    } else if (close !== undefined && expect === "operator" && chain) {
      chains.push(chain);
      chain = null;
      expect = "and";
    } else if (and !== undefined && expect === "and") {
      expect = "open";
    } else {
      return null;
    }
  }
  return expect === "and" && chains.length > 0 ? chains : null;
}

/**
 * Whether a title holds every chain: `maskOf` gives a lexeme's mask in the title (0 when it is not
 * there). Null when a mask cannot tell (a lexeme of the chains is also beyond position 31).
 */
export function holdsPhrases(chains: readonly PhraseChain[], maskOf: (lexeme: string) => number): boolean | null {
  let holds = true;
  for (const { lexemes, offsets } of chains) {
    let at = -1 >>> 1;
    for (let i = 0; i < lexemes.length; i++) {
      const mask = maskOf(lexemes[i] as string);
      if (mask & LONG_TITLE) return null;
      // A lexeme 31 or more after the first is beyond every position held (and JavaScript shifts by
      // the distance modulo 32).
      const offset = offsets[i] as number;
      at &= offset >= MASK_POSITIONS ? 0 : mask >>> offset;
    }
    if (at === 0) holds = false;
  }
  return holds;
}

/**
 * A title's lexemes and their masks from its tsvector's text (`'languag':2 'larg':1 'model':3`), in
 * the tsvector's order; a lexeme without positions gets LONG_TITLE (nothing can be told from it). A
 * scan by character: a million titles are read in a process's start (regular expressions took twice
 * as long).
 */
export function readTsvector(text: string): { lexemes: string[]; masks: number[] } {
  const lexemes: string[] = [];
  const masks: number[] = [];
  const QUOTE = 39;
  const BACKSLASH = 92;
  let i = 0;
  while (i < text.length) {
    if (text.charCodeAt(i) !== QUOTE) {
      i += 1;
      continue;
    }
    // A quoted lexeme: '' is a quote, \x is x.
    const start = i + 1;
    let escaped = false;
    for (i = start; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === BACKSLASH) {
        escaped = true;
        i += 1;
      } else if (code === QUOTE) {
        if (text.charCodeAt(i + 1) !== QUOTE) break;
        escaped = true;
        i += 1;
      }
    }
    const quoted = text.slice(start, i);
    lexemes.push(escaped ? unquote(quoted) : quoted);
    i += 1;
    // Its positions: ':1,3' (a weight letter may follow each).
    let mask = 0;
    if (text.charCodeAt(i) === 58) {
      let position = 0;
      for (i += 1; i <= text.length; i++) {
        const code = i < text.length ? text.charCodeAt(i) : 32;
        if (code >= 48 && code <= 57) position = position * 10 + (code - 48);
        else if (code === 44 || code === 32) {
          mask |= bitOf(position);
          position = 0;
          if (code === 32) break;
        }
      }
    } else {
      mask = LONG_TITLE;
    }
    masks.push(mask);
  }
  return { lexemes, masks };
}
