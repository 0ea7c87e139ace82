import type { PaperDetail } from "@/lib/papers/data";

/**
 * BibTeX for papers, as arXiv itself suggests citing a preprint (@misc with eprint, archivePrefix and
 * primaryClass). Values are braced; characters BibTeX treats specially are escaped, so a title with
 * braces, percent signs or backslashes cannot break the entry or the file.
 */
const SPECIAL: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "{": "\\{",
  "}": "\\}",
  "%": "\\%",
  "&": "\\&",
  "#": "\\#",
  _: "\\_",
  $: "\\$",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
};

function escapeValue(text: string): string {
  return text
    .replace(/[\\{}%&#_$~^]/g, (character) => SPECIAL[character] ?? character)
    .replace(/\s+/g, " ")
    .trim();
}

/** "Vaswani2017attention": first author's family name, year, first word of the title that is not a stop word. */
export function citationKey(paper: Pick<PaperDetail, "arxivId" | "authors" | "title" | "publishedAt">): string {
  const family = (paper.authors[0] ?? "anon").trim().split(/\s+/).pop() ?? "anon";
  const word =
    paper.title
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .find((w) => w.length > 3 && !["with", "from", "that", "this", "towards", "using"].includes(w)) ?? "paper";
  const ascii = (text: string) => text.normalize("NFKD").replace(/[^A-Za-z0-9]/g, "");
  return `${ascii(family) || "anon"}${paper.publishedAt.getUTCFullYear()}${ascii(word)}_${paper.arxivId.replace(".", "")}`;
}

/**
 * A title whose capitals survive citation styles that lower-case titles: each word holding a capital
 * past its first letter ("3D", "LLaMA", "GPT-4"), or starting with one past the title's first word
 * ("Gaussian", "Bielik"), is braced, as BibTeX reads a braced word as it is.
 */
export function protectCase(title: string): string {
  return title
    .split(" ")
    .map((word, index) => {
      const letters = word.replace(/\\[a-z]+\{\}|\\./g, "");
      const keep =
        /\p{Lu}/u.test(letters.slice(1)) ||
        (index > 0 && /^\p{Lu}/u.test(letters)) ||
        (/\d/.test(letters) && /\p{L}/u.test(letters));
      return keep ? `{${word}}` : word;
    })
    .join(" ");
}

/** A paper's BibTeX entry; the reader's note on it, if any, as `annote` (read by Zotero and JabRef). */
export function toBibtex(paper: PaperDetail, options: { note?: string } = {}): string {
  const note = options.note ?? "";
  const fields: [string, string][] = [
    ["title", protectCase(escapeValue(paper.title))],
    // A name holding the word "and" is braced, or BibTeX would read two authors.
    ["author", paper.authors.map((name) => (/\band\b/i.test(name) ? `{${escapeValue(name)}}` : escapeValue(name))).join(" and ")],
    ["year", String(paper.publishedAt.getUTCFullYear())],
    ["eprint", paper.arxivId],
    ["archivePrefix", "arXiv"],
    ...(paper.categories[0] ? ([["primaryClass", paper.categories[0]]] as [string, string][]) : []),
    ["url", `https://arxiv.org/abs/${paper.arxivId}`],
    ...(note.trim() ? ([["annote", escapeValue(note)]] as [string, string][]) : []),
  ];
  return `@misc{${citationKey(paper)},\n${fields.map(([name, value]) => `  ${name} = {${value}}`).join(",\n")}\n}\n`;
}
