import { z } from "zod";
import { type Day, parseDay } from "@/lib/dates";

/**
 * Modern arXiv identifiers (since April 2007): YYMM.NNNN (to 2014) or YYMM.NNNNN, optionally with a
 * version suffix. Older "archive/YYMMNNN" ids are not accepted: they contain a slash and predate the
 * ML papers this feed is about.
 */
const ARXIV_ID = /^(\d{2})(\d{2})\.(\d{4,5})(v\d+)?$/;

export const MAX_TITLE_LENGTH = 1_000;
export const MAX_ABSTRACT_LENGTH = 10_000;
export const MAX_AUTHORS = 5_000;
export const MAX_AUTHOR_NAME_LENGTH = 300;

/** Parses an arXiv id and drops the version: the feed lists a paper once, whatever its revision. */
export const arxivIdSchema = z
  .string()
  .trim()
  .refine((value) => {
    const match = ARXIV_ID.exec(value);
    if (!match) return false;
    const month = Number(match[2]);
    // Numbers have five digits since January 2015 (1501), four before.
    const fiveDigits = `${match[1]}${match[2]}` >= "1501";
    return month >= 1 && month <= 12 && match[3]?.length === (fiveDigits ? 5 : 4);
  }, "must be an arXiv id like 2307.04990")
  .transform((value) => value.replace(/v\d+$/, ""));

export function parseArxivId(value: string): string | null {
  const result = arxivIdSchema.safeParse(value);
  return result.success ? result.data : null;
}

export const daySchema = z.string().transform((value, context): Day => {
  const day = parseDay(value);
  if (!day) {
    context.addIssue({ code: "custom", message: "must be a calendar date YYYY-MM-DD" });
    return z.NEVER;
  }
  return day;
});

const optionalUrl = z
  .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
  .nullish()
  .transform((value) => value ?? null);

// Control characters; the private-use characters search uses to mark highlights (lib/search); and
// invisible formatting characters: bidirectional overrides, embeddings and isolates (U+202A-202E,
// U+2066-2069, the marks U+200E, U+200F, U+061C), which make a title display as something else
// ("invoice\u202Egpj.exe" shows as "invoiceexe.jpg") and spill into neighbouring text, and
// zero-width characters (U+200B-200D, U+2060-2064, U+FEFF), which hide differences between titles.
// The same set is removed from stored papers by the migration 20261130000000_invisible_characters.
export const UNWANTED_CHARACTERS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uE000-\uF8FF]/g;

const cleanText = (max: number, field: string) =>
  z
    .string()
    .transform((value) => value.replace(UNWANTED_CHARACTERS, "").replace(/\s+/g, " ").trim())
    .pipe(z.string().min(1, `${field} is empty`).max(max, `${field} is longer than ${max} characters`));

export const MAX_CATEGORIES = 20;

/** An arXiv category: "cs.CL", "stat.ML", "q-bio.NC", "hep-th", "math-ph". */
export const categorySchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z-]{0,15}(\.[A-Za-z][A-Za-z-]{0,15})?$/, "must be an arXiv category like cs.CL");

export function parseCategory(value: string): string | null {
  const result = categorySchema.safeParse(value);
  return result.success ? result.data : null;
}

/** A paper as every importer hands it to the database: validated, whitespace normalised. */
export const paperInputSchema = z.object({
  arxivId: arxivIdSchema,
  title: cleanText(MAX_TITLE_LENGTH, "title"),
  abstract: cleanText(MAX_ABSTRACT_LENGTH, "abstract"),
  authors: z
    .array(cleanText(MAX_AUTHOR_NAME_LENGTH, "author name"))
    .min(1, "a paper needs at least one author")
    .max(MAX_AUTHORS, `more than ${MAX_AUTHORS} authors`),
  publishedAt: z.coerce.date({ error: "publishedAt must be a date" }),
  feedDay: daySchema,
  sourceUpvotes: z.number().int().min(0).default(0),
  githubRepo: optionalUrl,
  projectPage: optionalUrl,
  /** arXiv categories, the primary one first (duplicates dropped); none where the source has none. */
  categories: z
    .array(categorySchema)
    .max(MAX_CATEGORIES, `more than ${MAX_CATEGORIES} categories`)
    .default([])
    .transform((values) => [...new Set(values)]),
});

export type PaperInput = z.output<typeof paperInputSchema>;
