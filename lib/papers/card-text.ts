import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * The social card (app/papers/[id]/card.png) is drawn by next/og with the one font it bundles. For a
 * character that font lacks (CJK, emoji, most of Greek and mathematics) next/og fetches a font or an
 * emoji image from Google Fonts or a CDN at render time: offline, each failed with ~10 lines of log,
 * and online it would be a request to a third party per card. Such characters are replaced here
 * instead, so that nothing is ever fetched.
 */
const BUNDLED_FONT = "node_modules/next/dist/compiled/@vercel/og/Geist-Regular.ttf";

/** The code points a TrueType font's cmap maps (formats 4 and 12), or null if it cannot be read. */
export function fontCoverage(font: Buffer): Set<number> | null {
  const tables = font.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < tables; i++) {
    if (font.toString("latin1", 12 + 16 * i, 16 + 16 * i) === "cmap") cmap = font.readUInt32BE(20 + 16 * i);
  }
  if (cmap < 0) return null;
  const covered = new Set<number>();
  const subtables = font.readUInt16BE(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const start = cmap + font.readUInt32BE(cmap + 8 + 8 * i);
    const format = font.readUInt16BE(start);
    if (format === 4) {
      const segments = font.readUInt16BE(start + 6) / 2;
      for (let s = 0; s < segments; s++) {
        const end = font.readUInt16BE(start + 14 + 2 * s);
        const first = font.readUInt16BE(start + 16 + 2 * segments + 2 * s);
        if (first !== 0xffff) for (let c = first; c <= end; c++) covered.add(c);
      }
    } else if (format === 12) {
      const groups = font.readUInt32BE(start + 12);
      for (let g = 0; g < groups; g++) {
        const first = font.readUInt32BE(start + 16 + 12 * g);
        const last = font.readUInt32BE(start + 20 + 12 * g);
        for (let c = first; c <= last && c - first < 0x10000; c++) covered.add(c);
      }
    }
  }
  return covered;
}

let coverage: Set<number> | undefined;
function bundledCoverage(): Set<number> {
  if (coverage) return coverage;
  try {
    coverage = fontCoverage(readFileSync(path.join(process.cwd(), BUNDLED_FONT))) ?? undefined;
  } catch {
    coverage = undefined;
  }
  // Unreadable (another Next.js layout): printable ASCII and Latin-1, which every font has.
  coverage ??= new Set([
    ...Array.from({ length: 0x5f }, (_, i) => 0x20 + i),
    ...Array.from({ length: 0x60 }, (_, i) => 0xa0 + i),
  ]);
  return coverage;
}

/**
 * Text the card can draw with its own font: each run of characters it lacks becomes one "…" (or
 * nothing at the edges), whitespace collapsed. Empty when nothing is left.
 */
export function drawableText(text: string, covered: Set<number> = bundledCoverage()): string {
  let out = "";
  let gap = false;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (/\s/.test(character) || covered.has(code)) {
      if (gap && out.trim() && !/\s/.test(character)) out += "…";
      gap = false;
      out += character;
    } else {
      gap = true;
    }
  }
  return out.replace(/\s+/g, " ").trim();
}
