import { readFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { parseHfDailyPapers } from "@/lib/ingest/hf-daily";
import type { Random } from "@/lib/random";
import { ROOT } from "../lib/next-build";

/** Two years of Hugging Face's daily lists (9,577 real papers): the text every generated paper is made of. */
export const REAL_PAPERS_FILE = path.join(ROOT, "prisma/data/hf-daily-papers-2024-05-to-2026-08.json.gz");

/**
 * Real text to recombine: title halves, abstract sentences, author names, code links and author
 * counts of the real papers. A generated paper reads like a real one (real vocabulary, real word
 * frequencies, real lengths), so search and ranking meet the distributions they would in production.
 */
export interface Corpus {
  /** "GLM-5V-Turbo" of "GLM-5V-Turbo: Toward a Native Foundation Model...": the part before a colon. */
  colonHeads: string[];
  colonTails: string[];
  /** First and second halves (at a word boundary) of titles without a colon. */
  plainHeads: string[];
  plainTails: string[];
  sentences: string[];
  authorNames: string[];
  authorCounts: number[];
  repos: string[];
  /** Share of real titles that have a colon. */
  colonShare: number;
}

const SENTENCE_END = /(?<=[.!?])\s+(?=[A-Z(])/;
const MAX_GENERATED_AUTHORS = 60;

export async function loadCorpus(file = REAL_PAPERS_FILE): Promise<Corpus> {
  const parsed = parseHfDailyPapers(JSON.parse(gunzipSync(await readFile(file)).toString("utf8")));
  const corpus: Corpus = {
    colonHeads: [],
    colonTails: [],
    plainHeads: [],
    plainTails: [],
    sentences: [],
    authorNames: [],
    authorCounts: [],
    repos: [],
    colonShare: 0,
  };
  for (const paper of parsed.papers) {
    const colon = paper.title.indexOf(": ");
    if (colon > 0) {
      corpus.colonHeads.push(paper.title.slice(0, colon));
      corpus.colonTails.push(paper.title.slice(colon + 2));
    } else {
      const words = paper.title.split(" ");
      const middle = Math.max(1, Math.floor(words.length / 2));
      corpus.plainHeads.push(words.slice(0, middle).join(" "));
      corpus.plainTails.push(words.slice(middle).join(" ") || words.join(" "));
    }
    for (const sentence of paper.abstract.split(SENTENCE_END)) {
      if (sentence.length >= 30 && sentence.length <= 400) corpus.sentences.push(sentence);
    }
    corpus.authorNames.push(...paper.authors);
    corpus.authorCounts.push(Math.min(paper.authors.length, MAX_GENERATED_AUTHORS));
    if (paper.githubRepo) corpus.repos.push(paper.githubRepo);
  }
  corpus.colonShare = corpus.colonHeads.length / Math.max(parsed.papers.length, 1);
  if (corpus.sentences.length === 0 || corpus.authorNames.length === 0) throw new Error(`${file} holds no usable papers`);
  return corpus;
}

export interface GeneratedText {
  title: string;
  abstract: string;
  authors: string[];
  githubRepo: string | null;
  categories: string[];
}

/**
 * arXiv categories for generated papers. The real lists carry none, so these are drawn from a fixed
 * distribution shaped like the machine-learning listings (cs.CV, cs.LG and cs.CL large; most others a few
 * percent): enough for the category pages and filters to be measured on big and small categories.
 */
const CATEGORY_WEIGHTS: [string, number][] = [
  ["cs.CV", 22],
  ["cs.LG", 20],
  ["cs.CL", 18],
  ["cs.AI", 8],
  ["cs.RO", 5],
  ["stat.ML", 4],
  ["cs.IR", 3],
  ["eess.IV", 3],
  ["cs.CR", 3],
  ["cs.SD", 2],
  ["cs.HC", 2],
  ["eess.AS", 2],
  ["math.OC", 2],
  ["cs.DC", 2],
  ["cs.MA", 1],
  ["cs.NE", 1],
  ["q-bio.QM", 1],
  ["physics.comp-ph", 1],
];
const CATEGORY_TOTAL = CATEGORY_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);

function drawCategory(random: Random): string {
  let left = random.next() * CATEGORY_TOTAL;
  for (const [category, weight] of CATEGORY_WEIGHTS) {
    left -= weight;
    if (left < 0) return category;
  }
  return "cs.LG";
}

/** One paper's text: a title from two real halves, 4-9 real sentences, a real-sized list of real names. */
export function generateText(corpus: Corpus, random: Random): GeneratedText {
  const title =
    random.next() < corpus.colonShare
      ? `${random.pick(corpus.colonHeads)}: ${random.pick(corpus.colonTails)}`
      : `${random.pick(corpus.plainHeads)} ${random.pick(corpus.plainTails)}`;
  const sentences: string[] = [];
  const count = random.int(4, 9);
  for (let i = 0; i < count; i++) sentences.push(random.pick(corpus.sentences));
  const authors: string[] = [];
  const authorCount = random.pick(corpus.authorCounts);
  for (let i = 0; i < authorCount; i++) authors.push(random.pick(corpus.authorNames));
  const githubRepo = corpus.repos.length && random.next() < 0.3 ? random.pick(corpus.repos) : null;
  // A primary category and up to two cross-lists.
  const categories = [...new Set(Array.from({ length: random.int(1, 3) }, () => drawCategory(random)))];
  return { title, abstract: sentences.join(" "), authors, githubRepo, categories };
}
