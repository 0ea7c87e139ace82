import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { drawableText, fontCoverage } from "@/lib/papers/card-text";

describe("the social card's text", () => {
  const font = readFileSync(
    path.resolve(import.meta.dirname, "../../node_modules/next/dist/compiled/@vercel/og/Geist-Regular.ttf"),
  );
  const covered = fontCoverage(font) ?? new Set<number>();

  it("knows which characters the font next/og bundles can draw", () => {
    expect(covered.size).toBeGreaterThan(200);
    for (const character of "Az09 éßŁ–—“”…") expect(covered.has(character.codePointAt(0) ?? 0), character).toBe(true);
    for (const character of "注意力🙂∇") expect(covered.has(character.codePointAt(0) ?? 0), character).toBe(false);
  });

  it("keeps only characters the font has (next/og fetched a font or an emoji from the internet for the others)", () => {
    expect(drawableText("Attention 注意力 is all 🙂 you need", covered)).toBe("Attention is all you need");
    expect(drawableText("GPT-4o🙂x and Łukasz’s “model”", covered)).toBe("GPT-4o…x and Łukasz’s “model”");
    expect(drawableText("大模型", covered)).toBe("");
    for (const character of drawableText("∇θ 🚀 Схема 中 x", covered)) {
      expect(character === " " || character === "…" || covered.has(character.codePointAt(0) ?? 0), character).toBe(true);
    }
  });
});
