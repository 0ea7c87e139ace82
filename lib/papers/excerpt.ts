/** Characters of abstract a card shows; the page has the rest. CSS clamps it further on small screens. */
export const EXCERPT_LENGTH = 320;

/**
 * Shortens text at a word boundary and adds an ellipsis. Never cuts inside a `$...$` formula, which
 * would leave an unbalanced dollar sign for the math renderer.
 */
export function excerpt(text: string, maxLength = EXCERPT_LENGTH): string {
  if (text.length <= maxLength) return text;
  let cut = text.slice(0, maxLength);
  const space = cut.lastIndexOf(" ");
  if (space > maxLength * 0.6) cut = cut.slice(0, space);
  const dollars = (cut.match(/(?<!\\)\$/g) ?? []).length;
  if (dollars % 2 === 1) cut = cut.slice(0, cut.search(/(?<!\\)\$[^$]*$/));
  return `${cut.replace(/[\s,.;:]+$/, "")}…`;
}
