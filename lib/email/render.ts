/**
 * Emails are written once, as blocks, and rendered twice: HTML with inline styles (what mail clients
 * understand; no scripts, no external CSS) and plain text. Every string is escaped in the HTML.
 */
import { escapeHtml } from "@/lib/html";

export type EmailBlock =
  | { type: "heading"; text: string }
  | { type: "paragraph"; text: string }
  | { type: "button"; label: string; url: string }
  | { type: "paper"; rank: number; title: string; url: string; meta: string; excerpt: string; why?: string }
  /** Someone's words, kept as written (line breaks too): a comment or reply. */
  | { type: "quote"; author: string; meta?: string; text: string; url: string }
  | { type: "note"; text: string; link?: { label: string; url: string } };

export interface EmailContent {
  /** The line clients show after the subject. */
  preheader: string;
  blocks: EmailBlock[];
  /** Small print: why you got this, how to stop it. */
  footer: EmailBlock[];
}

const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const ACCENT = "#4f46e5";

function blockHtml(block: EmailBlock): string {
  switch (block.type) {
    case "heading":
      return `<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;color:#18181b;">${escapeHtml(block.text)}</h1>`;
    case "paragraph":
      return `<p style="margin:0 0 16px;font-size:15px;line-height:1.6;color:#3f3f46;">${escapeHtml(block.text)}</p>`;
    case "button":
      return `<p style="margin:24px 0;"><a href="${escapeHtml(block.url)}" style="display:inline-block;background:${ACCENT};color:#ffffff;text-decoration:none;font-weight:600;font-size:15px;padding:12px 20px;border-radius:8px;">${escapeHtml(block.label)}</a></p>`;
    case "paper":
      return `<div style="margin:0 0 20px;padding:0 0 20px;border-bottom:1px solid #e4e4e7;">
<p style="margin:0 0 4px;font-size:16px;line-height:1.4;font-weight:600;"><span style="color:#52525b;">${block.rank}.</span> <a href="${escapeHtml(block.url)}" style="color:#18181b;text-decoration:none;">${escapeHtml(block.title)}</a></p>
<p style="margin:0 0 6px;font-size:13px;color:#71717a;">${escapeHtml(block.meta)}</p>${
        block.why ? `\n<p style="margin:0 0 6px;font-size:13px;color:#4338ca;">${escapeHtml(block.why)}</p>` : ""
      }
<p style="margin:0;font-size:14px;line-height:1.55;color:#52525b;">${escapeHtml(block.excerpt)}</p>
</div>`;
    case "quote":
      return `<div style="margin:0 0 16px;padding:4px 0 4px 14px;border-left:3px solid #d4d4d8;">
<p style="margin:0 0 4px;font-size:13px;color:#52525b;"><strong style="color:#18181b;">${escapeHtml(block.author)}</strong>${block.meta ? ` · ${escapeHtml(block.meta)}` : ""} · <a href="${escapeHtml(block.url)}" style="color:${ACCENT};">View</a></p>
<p style="margin:0;font-size:14px;line-height:1.55;color:#3f3f46;white-space:pre-wrap;">${escapeHtml(block.text)}</p>
</div>`;
    case "note":
      return `<p style="margin:0 0 8px;font-size:12px;line-height:1.5;color:#71717a;">${escapeHtml(block.text)}${
        block.link ? ` <a href="${escapeHtml(block.link.url)}" style="color:#71717a;">${escapeHtml(block.link.label)}</a>` : ""
      }</p>`;
  }
}

function blockText(block: EmailBlock): string {
  switch (block.type) {
    case "heading":
      return `${block.text}\n${"=".repeat(Math.min(block.text.length, 60))}`;
    case "paragraph":
      return block.text;
    case "button":
      return `${block.label}:\n${block.url}`;
    case "paper":
      return `${block.rank}. ${block.title}\n   ${block.meta}\n${block.why ? `   Why: ${block.why}\n` : ""}   ${block.url}\n   ${block.excerpt}`;
    case "quote":
      return `${block.meta ? `${block.author} · ${block.meta}` : block.author}\n${block.text.replace(/^/gm, "> ")}\n${block.url}`;
    case "note":
      return block.link ? `${block.text} ${block.link.label}: ${block.link.url}` : block.text;
  }
}

export function renderEmail(content: EmailContent): { html: string; text: string } {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="color-scheme" content="light"><title>${escapeHtml(content.preheader)}</title></head>
<body style="margin:0;padding:0;background:#f4f4f5;font-family:${FONT};">
<div style="display:none;max-height:0;overflow:hidden;">${escapeHtml(content.preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f4f5;"><tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-radius:12px;"><tr><td style="padding:28px 28px 12px;">
<p style="margin:0 0 20px;font-size:14px;font-weight:700;color:${ACCENT};">Daily Papers</p>
${content.blocks.map(blockHtml).join("\n")}
</td></tr><tr><td style="padding:12px 28px 24px;border-top:1px solid #e4e4e7;">
${content.footer.map(blockHtml).join("\n")}
</td></tr></table>
</td></tr></table>
</body></html>`;
  const text = [...content.blocks.map(blockText), "--", ...content.footer.map(blockText)].join("\n\n");
  return { html, text: `${text}\n` };
}
