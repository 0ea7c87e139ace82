/** The bench's printed table: sections of aligned rows, each with its target and whether it was met. */

export interface Check {
  ok: boolean;
  target: string;
}

export interface Section {
  title: string;
  columns: string[];
  rows: { cells: string[]; check?: Check }[];
}

export const ms = (value: number) =>
  Number.isFinite(value) ? (value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`) : "—";
export const count = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString("en-US") : "—");
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const percent = (value: number) => `${(value * 100).toFixed(1)} %`;

export function check(ok: boolean, target: string): Check {
  return { ok, target };
}

export function renderSection(section: Section): string {
  const header = [...section.columns, "target"];
  const lines = section.rows.map((row) => [
    ...row.cells,
    row.check ? `${row.check.target} ${row.check.ok ? "✓" : "✗ MISSED"}` : "",
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((cells) => (cells[i] ?? "").length)));
  const format = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [`\n${section.title}`, format(header), ...lines.map(format)].join("\n");
}

/** The sections as a Markdown table set, for the README. */
export function renderMarkdown(section: Section): string {
  const header = [...section.columns, "target"];
  const row = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [
    `\n**${section.title}**\n`,
    row(header),
    row(header.map((_, i) => (i === 0 ? "---" : "---:"))),
    ...section.rows.map((r) => row([...r.cells, r.check ? `${r.check.target} ${r.check.ok ? "✓" : "✗"}` : ""])),
  ].join("\n");
}
